#!/usr/bin/python3
"""The whole workflow from inside LibreOffice, with a SoftHSM2 token: the official signs a
Writer draft (ODT and DOCX) with vn.kyso:SignOfficial, the signed PDF is opened in LibreOffice
(Draw's PDF import) and issued with vn.kyso:Issue; the issued PDF is checked by pdfsig, the
PDFBox checker and kyso verify, and measured on its rendered page (box 7c, box 8). Then the bad
inputs that need a token. One soffice and one token for the whole file."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lo_harness import (SOURCE, FAILURE, Office, bookmark_free_copy, path, props, read_env, require,  # noqa: E402
                        run_tests, sha256, url)

DEMO = os.path.join(SOURCE, "tests", "demo", "src")
SEAL_MM = 36.0
# scripts/make-demo-images.py leaves a 6 px margin (300 dpi) around the seal's ring: its ink is
# 1 mm narrower than the 36 mm image drawn at real size.
SEAL_INK_MM = SEAL_MM - 2 * 6 * 25.4 / 300
DPI = 100


def read(file_path):
    with open(file_path, "rb") as f:
        return f.read()


def ink_box(pdf, kind):
    """Bounding box in mm (left, top, right, bottom) of blue or red ink on page 1, or None."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", "1", pdf, os.path.join(tmp, "p")],
                       check=True)
        image = Image.open(os.path.join(tmp, "p.png")).convert("RGB")
    width, height = image.size
    pixels = image.load()
    xs, ys = [], []
    for y in range(height):
        for x in range(width):
            r, g, b = pixels[x, y]
            if (kind == "blue" and b > r + 60 and b > g + 40) or (kind == "red" and r > g + 80 and r > b + 80):
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    mm = 25.4 / DPI
    return (min(xs) * mm, min(ys) * mm, (max(xs) + 1) * mm, (max(ys) + 1) * mm)


class WorkflowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require("soffice", "qpdf", "pdfsig", "pdftoppm", "softhsm2-util", "pkcs11-tool", "openssl")
        cls.oxt = os.environ.get("KYSO_OXT", "")
        if not os.path.exists(cls.oxt):
            raise unittest.SkipTest("KYSO_OXT not built (LibreOffice SDK missing?)")
        config = read_env(os.environ.get("KYSO_TEST_CONFIG"))
        cls.kyso = config.get("KYSO_BIN", "")
        cls.pdfcheck = config.get("KYSO_PDFCHECK", "")
        cls.work = tempfile.mkdtemp(prefix="kyso-lo-flow-")
        # Own token: wrong-PIN tests change its flags, other suites must not see that.
        token_dir = os.path.join(cls.work, "token")
        subprocess.run(["bash", os.path.join(SOURCE, "tests/token/make-test-token.sh"), token_dir],
                       check=True, capture_output=True)
        paths = read_env(os.path.join(token_dir, "test-token-paths.env"))
        labels = read_env(os.path.join(SOURCE, "tests/token/test-token.env"))
        cls.module = paths["KYSO_TEST_PKCS11_MODULE"]
        cls.root_ca = os.path.join(paths["KYSO_TEST_PKI_DIR"], "root-ca.pem")
        cls.token = labels["KYSO_TEST_TOKEN_LABEL"]
        cls.pin = labels["KYSO_TEST_USER_PIN"]
        images = os.path.join(cls.work, "images")
        os.makedirs(images)
        subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "scripts/make-demo-images.py"), images], check=True)
        cls.signature_png = os.path.join(images, "chu-ky.png")
        cls.seal_png = os.path.join(images, "con-dau.png")

        cls.office = Office(cls.work, env={"SOFTHSM2_CONF": paths["SOFTHSM2_CONF"]})
        cls.office.install(cls.oxt)
        cls.register = os.path.join(cls.work, "register", "so-van-ban-di.sqlite")
        cls.office.set_settings(Verify__TrustAnchors=[cls.root_ca], Token__PKCS11Module=cls.module,
                                Organisation__Symbol="QĐ-UBND", Register__Location=url(cls.register))
        plain = os.path.join(cls.work, "plain")
        os.makedirs(plain)
        doc = cls.office.open(bookmark_free_copy(os.path.join(DEMO, "quyet-dinh.fodt"), plain))
        cls.odt = cls.office.store(doc, os.path.join(cls.work, "quyet-dinh.odt"), "writer8")
        cls.docx = cls.office.store(doc, os.path.join(cls.work, "quyet-dinh.docx"), "MS Word 2007 XML")
        doc.close(True)

    @classmethod
    def tearDownClass(cls):
        cls.office.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def official(self, **extra):
        args = dict(Interactive=False, PKCS11Module=self.module, TokenLabel=self.token, CertLabel="binh",
                    PIN=self.pin, SignatureImageURL=url(self.signature_png))
        args.update(extra)
        return args

    def organisation(self, **extra):
        args = dict(Interactive=False, TokenLabel=self.token, CertLabel="ubnd", PIN=self.pin,
                    SealImageURL=url(self.seal_png), SealDiameterMM=SEAL_MM, Symbol="QĐ-UBND")
        args.update(extra)
        return args

    def fresh(self, source):
        """A copy of a draft in its own folder, opened hidden."""
        folder = tempfile.mkdtemp(dir=self.work)
        target = shutil.copy(source, folder)
        doc = self.office.open(target)
        self.addCleanup(doc.close, True)
        return doc, target

    def signed_pdf(self):
        """A PDF signed by the official (from the ODT), in its own folder."""
        doc, _ = self.fresh(self.odt)
        result = self.office.dispatch(doc, "SignOfficial", **self.official())
        self.assertTrue(result.ok, result)
        return path(result["OutputURL"])

    def register_entries(self):
        """(number, state, number_text, sha256) of this year's entries in the extension's register."""
        import sqlite3
        with sqlite3.connect(self.register) as db:
            return [(n, state, text or "", digest or "") for n, state, text, digest in db.execute(
                "SELECT number, state, number_text, sha256 FROM register_entries ORDER BY number")]

    def assert_pdfsig_valid(self, pdf, count):
        out = subprocess.run(["pdfsig", pdf], capture_output=True, text=True).stdout
        self.assertEqual(out.count("Signature Validation: Signature is Valid."), count, out)

    def assert_nothing_new(self, folder, before):
        self.assertEqual(sorted(os.listdir(folder)), before, "a file was written")

    # --- the proof: ODT → official → issue in LibreOffice ----------------------------------

    def test_end_to_end_from_writer_to_issued_pdf(self):
        doc, odt = self.fresh(self.odt)
        digest, text = sha256(odt), doc.Text.getString()

        # 1. The official signs the Writer document (export, then sign).
        signed = self.office.dispatch(doc, "SignOfficial", **self.official())
        self.assertTrue(signed.ok, signed)
        signed_pdf = path(signed["OutputURL"])
        self.assertEqual(os.path.basename(signed_pdf), "quyet-dinh-da-ky.pdf")
        self.assertFalse(doc.isModified())
        self.assertEqual(doc.Text.getString(), text)
        self.assertEqual(sha256(odt), digest)
        self.assert_pdfsig_valid(signed_pdf, 1)

        # 2. The văn thư opens the signed PDF in LibreOffice and issues it.
        pdf = self.office.open(signed_pdf, read_only=True)  # as "sign existing PDF" opens it
        self.addCleanup(pdf.close, True)
        signed_bytes = read(signed_pdf)
        issued = self.office.dispatch(pdf, "Issue", **self.organisation())
        self.assertTrue(issued.ok, issued)
        issued_pdf = path(issued["OutputURL"])
        self.assertEqual(os.path.basename(issued_pdf), "quyet-dinh-ban-hanh.pdf")
        self.assertIn("01/", issued["MessageVi"])  # the register proposed number 01
        self.assertEqual(read(signed_pdf), signed_bytes, "the signed input was written")

        # 3. Independent checks: pdfsig, PDFBox, kyso verify; prefix identity (R4).
        self.assert_pdfsig_valid(issued_pdf, 2)
        with open(issued_pdf, "rb") as f:
            self.assertEqual(f.read(len(signed_bytes)), signed_bytes, "earlier revision not byte-identical")
        if self.pdfcheck and os.path.exists(self.pdfcheck):
            check = subprocess.run([self.pdfcheck, issued_pdf, "--trust", self.root_ca, "--expect-count", "2"],
                                   capture_output=True, text=True)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        if self.kyso and os.path.exists(self.kyso):
            report = json.loads(subprocess.run([self.kyso, "verify", issued_pdf, "--trust", self.root_ca, "--json"],
                                               capture_output=True, text=True).stdout)
            self.assertTrue(report["all_valid"], json.dumps(report, ensure_ascii=False, indent=1))
            self.assertEqual([s["field"] for s in report["signatures"]], ["kyso_official", "kyso_org"])

        # 4. Geometry on the rendered page: the seal at its real size over the left third of
        #    the signature image, vertically centred on it.
        blue, red = ink_box(signed_pdf, "blue"), ink_box(issued_pdf, "red")
        self.assertIsNotNone(blue)
        self.assertIsNotNone(red)
        self.assertAlmostEqual(red[2] - red[0], SEAL_INK_MM, delta=0.5)
        self.assertAlmostEqual(red[3] - red[1], SEAL_INK_MM, delta=0.5)
        self.assertAlmostEqual((red[2] - blue[0]) / (blue[2] - blue[0]), 1 / 3, delta=0.06)

        # 5. Verify from LibreOffice on the issued PDF.
        opened = self.office.open(issued_pdf)
        self.addCleanup(opened.close, True)
        verdict = self.office.dispatch(opened, "Verify", Interactive=False)
        self.assertTrue(verdict.ok, verdict)
        self.assertTrue(verdict["AllValid"], verdict["Report"])
        self.assertEqual(verdict["Verdict"], "valid", verdict["Report"])
        self.assertIn("Nguyễn Thanh Bình", verdict["Report"])
        self.assertIn("Ủy ban nhân dân tỉnh An Giang", verdict["Report"])
        # What the văn thư's update changed after the official's signature, judged allowed.
        self.assertRegex(verdict["Report"], r"\[(được phép|allowed)\]")
        self.assertNotRegex(verdict["Report"], r"\[(KHÔNG được phép|NOT allowed)\]")

        # 6. The register recorded it; the same number again this year is refused, nothing written.
        entries = self.register_entries()
        self.assertIn((1, "confirmed", issued["MessageVi"].split("Số ")[1].split(",")[0], sha256(issued_pdf)), entries)
        again = self.office.dispatch(pdf, "Issue", **self.organisation(Number=1,
                                                                       OutputURL=url(issued_pdf + ".again.pdf")))
        self.assertEqual(again.state, FAILURE)
        self.assertIn("đã có trong sổ", again["MessageVi"])
        self.assertFalse(os.path.exists(issued_pdf + ".again.pdf"))
        self.assertEqual(self.register_entries(), entries, "the refused number changed the register")

    def test_register_numbers_each_issuance_and_opens_in_calc(self):
        numbers = []
        for _ in range(2):
            pdf = self.office.open(self.signed_pdf(), read_only=True)
            self.addCleanup(pdf.close, True)
            issued = self.office.dispatch(pdf, "Issue", **self.organisation())
            self.assertTrue(issued.ok, issued)
            numbers.append(int(issued["MessageVi"].split("Số ")[1].split("/")[0]))
        self.assertEqual(numbers[1], numbers[0] + 1, "the register did not hand out the next number")
        confirmed = [n for n, state, _, _ in self.register_entries() if state == "confirmed"]
        self.assertTrue(set(numbers) <= set(confirmed))

        # vn.kyso:OpenRegister: this year's register as an .ods, opened in Calc.
        doc, _ = self.fresh(self.odt)
        ods = os.path.join(tempfile.mkdtemp(dir=self.work), "so.ods")
        opened = self.office.dispatch(doc, "OpenRegister", Interactive=False, OutputURL=url(ods))
        self.assertTrue(opened.ok, opened)
        self.assertEqual(path(opened["OutputURL"]), ods)
        sheet_doc = next((c for c in self.office._components() if c.getURL() == url(ods)), None)
        self.assertIsNotNone(sheet_doc, "the register was not opened")
        self.addCleanup(sheet_doc.close, True)
        self.assertTrue(sheet_doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"))
        sheet = sheet_doc.Sheets.getByIndex(0)
        cells = [sheet.getCellByPosition(c, r).getString() for r in range(40) for c in range(12)]
        for n in numbers:
            self.assertTrue(any(cell.startswith("%02d/" % n) for cell in cells), cells)

    def test_unusable_register_stops_before_signing(self):
        signed = self.signed_pdf()
        pdf = self.office.open(signed, read_only=True)
        self.addCleanup(pdf.close, True)
        folder = os.path.dirname(signed)
        before = sorted(os.listdir(folder))
        self.office.set_settings(Register__Location="/proc/khong-ghi-duoc/so.sqlite")
        try:
            result = self.office.dispatch(pdf, "Issue", **self.organisation())
        finally:
            self.office.set_settings(Register__Location=url(self.register))
        self.assertEqual(result.state, FAILURE, result)
        self.assertEqual(result["Code"], "OutputProblem", result)
        self.assert_nothing_new(folder, before)
        self.assertTrue(self.office.alive())

    def test_official_signs_a_docx(self):
        doc, docx = self.fresh(self.docx)
        digest = sha256(docx)
        result = self.office.dispatch(doc, "SignOfficial", **self.official())
        self.assertTrue(result.ok, result)
        self.assert_pdfsig_valid(path(result["OutputURL"]), 1)
        self.assertFalse(doc.isModified())
        self.assertEqual(sha256(docx), digest)

    def test_official_signs_a_draft_pdf_opened_in_draw(self):
        doc, odt = self.fresh(self.odt)
        draft = self.office.dispatch(doc, "ExportDraft", Interactive=False)
        self.assertTrue(draft.ok, draft)
        pdf = self.office.open(path(draft["OutputURL"]))
        self.addCleanup(pdf.close, True)
        result = self.office.dispatch(pdf, "SignOfficial", **self.official())
        self.assertTrue(result.ok, result)
        self.assertEqual(os.path.basename(path(result["OutputURL"])), "quyet-dinh-da-ky.pdf")
        self.assert_pdfsig_valid(path(result["OutputURL"]), 1)
        self.assertFalse(pdf.isModified())

    def test_scripting_service_signs_and_verifies(self):
        rdb = os.environ.get("KYSO_UNO_RDB", "")
        if not os.path.exists(rdb):
            self.skipTest("KYSO_UNO_RDB not set")
        Office.load_types(rdb)
        service = self.office.smgr.createInstanceWithContext("vn.kyso.Kyso", self.office.ctx)
        folder = tempfile.mkdtemp(dir=self.work)
        odt = shutil.copy(self.odt, folder)
        signed = service.signOfficial(url(odt), props(**self.official()))
        report = service.verify(signed, ())
        self.assertTrue(report.AllValid, report.Text)
        self.assertEqual(report.Verdict, "valid", report.Text)
        self.assertEqual([(s.Field, s.Verdict) for s in report.Signatures], [("kyso_official", "valid")])

    def test_time_stamp_server_in_the_settings(self):
        """Timestamp/TsaURL set: Ký số adds a signature time-stamp (PAdES B-T, trusted through the
        trust anchors setting); a TSA that does not answer stops the signing, nothing written."""
        config = read_env(os.environ.get("KYSO_TEST_CONFIG"))
        ltv = read_env(os.path.join(config.get("KYSO_TEST_WORK", "/nonexistent"), "ltv", "ltv.env"))
        if "KYSO_LTV_TSA" not in ltv:
            self.skipTest("the test TSA is not running (fixture.ltv)")
        self.office.set_settings(Timestamp__TsaURL=ltv["KYSO_LTV_TSA"],
                                 Verify__TrustAnchors=[self.root_ca, ltv["KYSO_LTV_CA"]])
        self.addCleanup(self.office.set_settings, Timestamp__TsaURL="", Verify__TrustAnchors=[self.root_ca])
        doc, odt = self.fresh(self.odt)
        folder = os.path.dirname(odt)
        signed = os.path.join(folder, "da-ky-co-dau-thoi-gian.pdf")
        result = self.office.dispatch(doc, "SignOfficial", **self.official(OutputURL=url(signed)))
        self.assertTrue(result.ok, result)
        self.assertIn("B-T", result["MessageVi"])
        report = json.loads(subprocess.run([self.kyso, "verify", signed, "--json", "--trust", self.root_ca,
                                            "--trust", ltv["KYSO_LTV_CA"]], capture_output=True, text=True).stdout)
        self.assertTrue(report["all_valid"], report)
        self.assertEqual([(s["level"], s["timestamp_ok"]) for s in report["signatures"]], [("B-T", True)])

        self.office.set_settings(Timestamp__TsaURL=ltv["KYSO_LTV_DEAD"] + "/tsa")
        before = sorted(os.listdir(folder))
        result = self.office.dispatch(doc, "SignOfficial", **self.official(OutputURL=url(signed + ".2.pdf")))
        self.assertEqual(result.state, FAILURE, result)
        self.assertIn("TSA", result["MessageVi"])
        self.assert_nothing_new(folder, before)

    # --- bad input ----------------------------------------------------------------------------

    def test_no_such_token(self):
        doc, odt = self.fresh(self.odt)
        before = sorted(os.listdir(os.path.dirname(odt)))
        result = self.office.dispatch(doc, "SignOfficial", **self.official(TokenLabel="khong-co-thiet-bi"))
        self.assertEqual(result["Code"], "TokenNotFound", result)
        self.assert_nothing_new(os.path.dirname(odt), before)
        self.assertTrue(self.office.alive())

    def test_a_token_without_certificates(self):
        doc, _ = self.fresh(self.odt)
        result = self.office.dispatch(doc, "SignOfficial", **self.official(TokenLabel="kyso-empty", CertLabel=""))
        self.assertEqual(result["Code"], "TokenNotFound", result)

    def test_no_pkcs11_module(self):
        doc, _ = self.fresh(self.odt)
        result = self.office.dispatch(doc, "SignOfficial", **self.official(PKCS11Module="/nonexistent/libtoken.so"))
        self.assertEqual(result.state, FAILURE, result)
        self.assertEqual(result["Code"], "TokenNotFound", result)

    def test_wrong_pin_writes_nothing(self):
        doc, odt = self.fresh(self.odt)
        before = sorted(os.listdir(os.path.dirname(odt)))
        result = self.office.dispatch(doc, "SignOfficial", **self.official(PIN="000000"))
        self.assertEqual(result["Code"], "TokenPinIncorrect", result)
        self.assert_nothing_new(os.path.dirname(odt), before)
        self.assertFalse(doc.isModified())

    def test_no_pin_without_dialogs(self):
        doc, _ = self.fresh(self.odt)
        args = self.official()
        del args["PIN"]
        result = self.office.dispatch(doc, "SignOfficial", **args)
        self.assertEqual(result["Code"], "BadArguments", result)
        self.assertIn("PIN", result["MessageEn"])

    def test_issue_refuses_a_draft_the_official_has_not_signed(self):
        doc, odt = self.fresh(self.odt)
        draft = self.office.dispatch(doc, "ExportDraft", Interactive=False)
        self.assertTrue(draft.ok, draft)
        pdf = self.office.open(path(draft["OutputURL"]))
        self.addCleanup(pdf.close, True)
        result = self.office.dispatch(pdf, "Issue", **self.organisation(Number=50))
        self.assertEqual(result.state, FAILURE)
        self.assertIn("người có thẩm quyền", result["MessageVi"])
        self.assertFalse(os.path.exists(os.path.join(os.path.dirname(odt), "quyet-dinh-ban-hanh.pdf")))

    def test_issue_refuses_a_personal_certificate(self):
        pdf = self.office.open(self.signed_pdf())
        self.addCleanup(pdf.close, True)
        result = self.office.dispatch(pdf, "Issue", **self.organisation(CertLabel="binh", Number=60))
        self.assertEqual(result["Code"], "CertificateRejected", result)

    def test_a_pdf_with_unsaved_edits_is_not_signed(self):
        signed = self.signed_pdf()
        pdf = self.office.open(signed)
        self.addCleanup(pdf.close, True)
        shape = pdf.createInstance("com.sun.star.drawing.RectangleShape")
        pdf.DrawPages.getByIndex(0).add(shape)
        self.assertTrue(pdf.isModified())
        before = sorted(os.listdir(os.path.dirname(signed)))
        result = self.office.dispatch(pdf, "Issue", **self.organisation(Number=70))
        self.assertEqual(result.state, FAILURE)
        self.assertIn("unsaved", result["MessageEn"])
        self.assert_nothing_new(os.path.dirname(signed), before)
        self.assertTrue(self.office.alive())

    def test_token_removed_halfway(self):
        self.skipTest("SoftHSM2 cannot be unplugged during a signature; the core's token errors "
                      "(CKR_DEVICE_REMOVED and others) reach the same error path as test_wrong_pin_writes_nothing")


if __name__ == "__main__":
    run_tests()
