#!/usr/bin/env python3
"""Runs `kyso verify --json` on every case of a corpus made by make-cms-corpus.sh and compares.

  check-cms-corpus.py CORPUS_DIR KYSO [--only FILE]

For each line of CORPUS_DIR/cases.tsv: the file's verdict and the exit status that goes with it
(valid 0, invalid 1, untrusted 11), each signature's form in file order, and each expectation
("note:TEXT" in some signature's notes, "problem:TEXT" in some signature's problems). Prints one
line per case and every mismatch; exits 1 when any case fails.
"""
import json
import os
import subprocess
import sys

EXIT_FOR = {"valid": 0, "invalid": 1, "untrusted": 11}


def check_case(corpus, kyso, fields):
    name, trust, verdict, forms, expectations, what = fields
    argv = [kyso, "verify", os.path.join(corpus, name), "--json"]
    if trust == "root":
        argv += ["--trust", os.path.join(corpus, "pki", "root.pem")]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        return ["no JSON (exit %d): %s %s" % (run.returncode, run.stdout[-300:], run.stderr[-300:])]
    wrong = []
    if report.get("verdict") != verdict:
        wrong.append("verdict %r, expected %r" % (report.get("verdict"), verdict))
    if run.returncode != EXIT_FOR[verdict]:
        wrong.append("exit %d, expected %d" % (run.returncode, EXIT_FOR[verdict]))
    signatures = report.get("signatures", [])
    got_forms = [s.get("form") for s in signatures]
    if got_forms != forms.split(";"):
        wrong.append("forms %r, expected %r" % (got_forms, forms.split(";")))
    for expectation in [] if expectations == "-" else expectations.split("|"):
        absent = expectation.startswith("!")  # "!kind:text": must not be found
        kind, _, text = expectation.lstrip("!").partition(":")
        if kind == "note":
            found = any(text in n["en"] for s in signatures for n in s.get("notes", []))
        elif kind == "ground":
            found = any(text == g["code"] for s in signatures for g in s.get("verdict_grounds", []))
        else:
            found = any(text in p for s in signatures for p in s.get("problems", []))
        if found == absent:
            wrong.append("%s %s %r" % ("a" if absent else "no", kind, text))
    if wrong:
        for s in signatures:
            wrong.append("  %s: %s %s problems=%s notes=%s" % (s.get("field"), s.get("verdict"), s.get("form"),
                                                              s.get("problems"), [n["en"] for n in s.get("notes", [])]))
    return wrong


def main(argv):
    if len(argv) not in (3, 5):
        sys.exit(__doc__)
    corpus, kyso = argv[1], argv[2]
    only = argv[4] if len(argv) == 5 and argv[3] == "--only" else None
    failed = total = 0
    with open(os.path.join(corpus, "cases.tsv"), encoding="utf-8") as cases:
        for line in cases:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 6 or (only and fields[0] != only):
                continue
            total += 1
            wrong = check_case(corpus, kyso, fields)
            failed += bool(wrong)
            print("%-4s %-32s %-6s %-9s %s" % ("FAIL" if wrong else "ok", fields[0], fields[1], fields[2], fields[5]))
            for w in wrong:
                print("       " + w)
    print("%d/%d cases as expected" % (total - failed, total))
    return 1 if failed or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
