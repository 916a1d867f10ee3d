#!/usr/bin/python3
"""The long-term-signature test services on 127.0.0.1, each a real OpenSSL responder behind a
tiny HTTP front: an RFC 3161 TSA (`openssl ts -reply`), an OCSP responder (`openssl ocsp`
with -reqin/-respout over the CA's index) and the CRL. Misbehaving variants for the tests:
/tsa-wrong-nonce and /tsa-wrong-imprint answer a request altered by one byte (a correct
response to a different question), /tsa-slow answers after 30 s; /tsa-2016 is a second TSA (its
own PKI, pki2015) whose clock faketime sets to June 2016. The process exits by itself
after --lifetime seconds (bounded, even when nobody stops it)."""
import argparse
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time


def der_header(data, at):
    """(content offset, content length) of the DER element starting at `at`."""
    first = data[at + 1]
    if first < 0x80:
        return at + 2, first
    count = first & 0x7F
    return at + 2 + count, int.from_bytes(data[at + 2:at + 2 + count], "big")


def altered(request, what):
    """TimeStampReq ::= SEQUENCE { version, messageImprint SEQUENCE { alg, OCTET STRING },
    reqPolicy OID OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE, ... }:
    flips the last byte of the hashed message or of the nonce; lengths stay the same."""
    data = bytearray(request)
    body, _ = der_header(data, 0)
    version_body, version_len = der_header(data, body)
    imprint = version_body + version_len
    imprint_body, imprint_len = der_header(data, imprint)
    alg_body, alg_len = der_header(data, imprint_body)
    hashed = alg_body + alg_len
    hashed_body, hashed_len = der_header(data, hashed)
    if what == "imprint":
        data[hashed_body + hashed_len - 1] ^= 0xFF
        return bytes(data)
    at = imprint_body + imprint_len
    while data[at] != 0x02:  # skip reqPolicy up to the nonce INTEGER
        element_body, element_len = der_header(data, at)
        at = element_body + element_len
    nonce_body, nonce_len = der_header(data, at)
    data[nonce_body + nonce_len - 1] ^= 0x01
    return bytes(data)


def make_handler(folder):
    # `openssl ts -reply` reads and rewrites the TSA's serial file in `folder`: two replies at once
    # (tests run in parallel) race on it, and the loser answers "rejection" with no token.
    one_openssl_at_a_time = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            sys.stderr.write("ltv_server: " + fmt % args + "\n")

        def reply(self, status, content_type, body):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def openssl(self, args, data, clock=None):
            with tempfile.TemporaryDirectory(dir=folder) as tmp:
                request, response = os.path.join(tmp, "req"), os.path.join(tmp, "resp")
                with open(request, "wb") as f:
                    f.write(data)
                args = [a.replace("@REQ@", request).replace("@RESP@", response) for a in args]
                with one_openssl_at_a_time:
                    command = (["faketime", clock] if clock else []) + ["openssl"] + args
                    done = subprocess.run(command, cwd=folder, capture_output=True, timeout=20)
                if done.returncode != 0 or not os.path.exists(response):
                    sys.stderr.write(done.stderr.decode(errors="replace"))
                    return None
                with open(response, "rb") as f:
                    return f.read()

        def do_GET(self):
            if self.path == "/ca.crl":
                with open(os.path.join(folder, "ca.crl.der"), "rb") as f:
                    return self.reply(200, "application/pkix-crl", f.read())
            self.reply(404, "text/plain", b"not found")

        def do_POST(self):
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/ocsp":
                body = self.openssl(["ocsp", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ca.pem",
                                     "-rkey", "ca.key", "-ndays", "1", "-reqin", "@REQ@", "-respout", "@RESP@"], data)
                return self.reply(200 if body else 500, "application/ocsp-response", body or b"")
            if self.path.startswith("/tsa"):
                if self.path == "/tsa-slow":
                    time.sleep(30)
                elif self.path == "/tsa-wrong-nonce":
                    data = altered(data, "nonce")
                elif self.path == "/tsa-wrong-imprint":
                    data = altered(data, "imprint")
                elif self.path not in ("/tsa", "/tsa-2016"):
                    return self.reply(404, "text/plain", b"not found")
                in_2016 = self.path == "/tsa-2016"
                body = self.openssl(["ts", "-reply", "-config", "tsa-2016.cnf" if in_2016 else "tsa.cnf",
                                     "-queryfile", "@REQ@", "-out", "@RESP@"], data,
                                    clock="2016-06-01 10:00:00" if in_2016 else None)
                return self.reply(200 if body else 500, "application/timestamp-reply", body or b"")
            self.reply(404, "text/plain", b"not found")

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--lifetime", type=int, default=300)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(os.path.abspath(args.dir)))
    server.daemon_threads = True
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
