#!/usr/bin/python3
"""kyso.oxt in a real headless LibreOffice, without a token: installation, the protocol handler
and its commands, the toolbar configuration, ExportDraft on ODT and DOCX (places found by
the extension, the user's document left unchanged and unmodified), Verify, the scripting API,
and the bad inputs that need no token. One soffice for the whole file."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lo_harness import (SOURCE, SUCCESS, FAILURE, Office, bookmark_free_copy, named_destinations,  # noqa: E402
                        path, props, qpdf_json, require, run_tests, sha256, url)

DEMO = os.path.join(SOURCE, "tests", "demo", "src")
ANCHORS = {"kysoSoStart", "kysoSoEnd", "kysoNgayStart", "kysoNgayEnd", "kysoThangStart", "kysoThangEnd",
           "kysoChucVuEnd", "kysoHoTenStart"}
COMMANDS = ["ExportDraft", "SignOfficial", "Issue", "Verify", "OpenRegister", "Settings"]


def destinations_with_positions(pdf):
    """{name: (x, y)} of the XYZ destinations in `pdf`."""
    import re
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
    text = qdf.decode("latin-1")
    return {m[0]: (float(m[1]), float(m[2]))
            for m in re.findall(r"/(kyso[A-Za-z0-9]+) \[\s*\d+ \d+ R\s*/XYZ\s*([\d.]+)\s+([\d.]+)", text)}


def field_rects(pdf):
    """{field name: (page, [x0, y0, x1, y1])} of the form fields of `pdf`."""
    info = qpdf_json(pdf)
    objects = info["qpdf"][1]
    return {f["fullname"]: (f["pageposfrom1"], objects["obj:" + f["annotation"]["object"]]["value"]["/Rect"])
            for f in info["acroform"]["fields"]}


class ExtensionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require("soffice", "qpdf")
        cls.oxt = os.environ.get("KYSO_OXT", "")
        if not os.path.exists(cls.oxt):
            raise unittest.SkipTest("KYSO_OXT not built (LibreOffice SDK missing?)")
        cls.work = tempfile.mkdtemp(prefix="kyso-lo-ext-")
        cls.office = Office(cls.work)
        cls.office.install(cls.oxt)
        # The outgoing register in the throwaway folder, never the user's own.
        cls.office.set_settings(Register__Location=url(os.path.join(cls.work, "register.sqlite")))
        # Drafts without kyso's bookmarks (the extension finds the places), saved as ODT and DOCX.
        cls.docs = {}
        plain = os.path.join(cls.work, "plain")
        os.makedirs(plain)
        for name in ("quyet-dinh", "cong-van", "quyet-dinh-2-trang", "thieu-cho-ky", "quyet-dinh-phu-luc", "cong-van-so"):
            src = bookmark_free_copy(os.path.join(DEMO, name + ".fodt"), plain)
            doc = cls.office.open(src)
            cls.docs[name] = cls.office.store(doc, os.path.join(cls.work, name + ".odt"), "writer8")
            if name == "quyet-dinh":
                cls.docs["docx"] = cls.office.store(doc, os.path.join(cls.work, name + ".docx"), "MS Word 2007 XML")
            if name == "cong-van-so":
                cls.docs["cong-van-so-docx"] = cls.office.store(doc, os.path.join(cls.work, name + ".docx"),
                                                                "MS Word 2007 XML")
            if name == "quyet-dinh-phu-luc":
                cls.docs["phu-luc-docx"] = cls.office.store(doc, os.path.join(cls.work, name + ".docx"),
                                                            "MS Word 2007 XML")
            doc.close(True)

    @classmethod
    def tearDownClass(cls):
        cls.office.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def open_copy(self, name, suffix=".odt"):
        """A fresh copy of a draft, opened hidden, with its hash before any command."""
        folder = tempfile.mkdtemp(dir=self.work)
        target = os.path.join(folder, os.path.basename(self.docs[name]))
        shutil.copy(self.docs[name], target)
        doc = self.office.open(target)
        self.addCleanup(doc.close, True)
        return doc, target, sha256(target), doc.Text.getString()

    def export_copy(self, name, suffix):
        """ExportDraft of a fresh copy of a draft to NAME+SUFFIX in the work folder, which must
        succeed and leave the user's document as it was: the output's path and the result."""
        doc, file_path, digest, text = self.open_copy(name)
        out = os.path.join(self.work, name + suffix)
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out))
        self.assertTrue(result.ok, result)
        self.assert_untouched(doc, file_path, digest, text)
        return out, result

    def assert_untouched(self, doc, file_path, digest, text):
        self.assertFalse(doc.isModified(), "the user's document was left modified")
        self.assertEqual(doc.Text.getString(), text, "the user's document text changed")
        self.assertEqual(sha256(file_path), digest, "the user's file on disk changed")
        names = set(doc.getBookmarks().getElementNames())
        self.assertFalse({n for n in names if n.startswith("kyso")}, "anchor bookmarks were left in the user's document")

    # --- installation, handler, toolbar -------------------------------------------------------

    def test_protocol_handler_answers_every_command(self):
        doc, *_ = self.open_copy("quyet-dinh")
        for command in COMMANDS:
            self.assertIsNotNone(self.office.query_dispatch(doc, "vn.kyso:" + command), command)
        self.assertIsNone(self.office.query_dispatch(doc, "vn.kyso:NoSuchCommand"))

    def test_toolbar_is_configured_docked_in_writer_and_draw(self):
        bar = self.office.config("/org.openoffice.Office.Addons/AddonUI/OfficeToolBar/vn.kyso.toolbar")
        urls = [bar.getByName(n).getByName("URL") for n in sorted(bar.getElementNames())]
        self.assertEqual(urls, ["vn.kyso:" + c for c in COMMANDS])
        for n in bar.getElementNames():
            contexts = set(bar.getByName(n).getByName("Context").split(","))
            self.assertTrue(contexts <= {"com.sun.star.text.TextDocument", "com.sun.star.drawing.DrawingDocument"})
        images = self.office.config("/org.openoffice.Office.Addons/AddonUI/Images")
        self.assertEqual(sum(1 for n in images.getElementNames() if n.startswith("vn.kyso.")), len(COMMANDS))
        for app in ("Writer", "Draw"):
            states = self.office.config(f"/org.openoffice.Office.UI.{app}WindowState/UIElements/States")
            state = states.getByName("private:resource/toolbar/addon_vn.kyso.toolbar")
            self.assertTrue(state.getByName("Docked"), app)
            self.assertTrue(state.getByName("Visible"), app)
            self.assertEqual(state.getByName("DockingArea"), 0, app)

    # --- ExportDraft --------------------------------------------------------------------------

    def test_export_finds_the_places_where_the_hand_marked_drafts_have_them(self):
        # The demo sources carry hand-placed bookmarks; the bookmark-free copies must export
        # the same destinations at the same positions.
        for name in ("quyet-dinh", "cong-van", "quyet-dinh-2-trang"):
            with self.subTest(name):
                doc, file_path, digest, text = self.open_copy(name)
                found = os.path.join(self.work, name + "-found.pdf")
                result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(found))
                self.assertTrue(result.ok, result)
                self.assertEqual(path(result["OutputURL"]), found)
                self.assert_untouched(doc, file_path, digest, text)

                # a copy: the source folder may hold another office's lock file
                marked_doc = self.office.open(shutil.copy(os.path.join(DEMO, name + ".fodt"),
                                                          os.path.join(self.work, name + "-marked.fodt")))
                self.addCleanup(marked_doc.close, True)
                marked = os.path.join(self.work, name + "-marked.pdf")
                self.assertTrue(self.office.dispatch(marked_doc, "ExportDraft", Interactive=False,
                                                     OutputURL=url(marked)).ok)
                auto, hand = destinations_with_positions(found), destinations_with_positions(marked)
                self.assertTrue(ANCHORS <= set(auto), sorted(auto))
                for anchor in ANCHORS:
                    self.assertAlmostEqual(auto[anchor][0], hand[anchor][0], delta=0.5, msg=anchor)
                    self.assertAlmostEqual(auto[anchor][1], hand[anchor][1], delta=0.5, msg=anchor)

    def test_export_marks_the_appendix_reference_to_the_decision(self):
        """Issue 15.1: the appendix heading "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày
        tháng      năm 2026 …)" is bookmarked like boxes 3 and 4 (kysoKemTheo1…), from ODT and
        DOCX, and prepare's reference fields lie between those bookmarks; the reference to the
        numbered decision 12/2025 on the same page is not marked. Before, the export set no
        bookmark there (prepare had only its reading of the page text)."""
        for name in ("quyet-dinh-phu-luc", "phu-luc-docx"):
            with self.subTest(name):
                out, result = self.export_copy(name, "-refs.pdf")
                self.assertIn("1 chỗ nhắc số, ngày", result["MessageVi"])
                dests = destinations_with_positions(out)
                marks = {f"kysoKemTheo1{part}{end}" for part in ("So", "Ngay", "Thang") for end in ("Start", "End")}
                self.assertTrue(marks <= set(dests), sorted(dests))
                self.assertFalse([d for d in dests if d.startswith("kysoKemTheo2")], "the numbered reference is marked")
                rects = field_rects(out)
                for field, mark in (("kyso_so_kem_theo_1", "So"), ("kyso_ngay_kem_theo_1", "Ngay"),
                                    ("kyso_thang_kem_theo_1", "Thang")):
                    page, (x0, y0, x1, y1) = rects[field]
                    self.assertEqual(page, 2, field)
                    start, end = dests["kysoKemTheo1" + mark + "Start"], dests["kysoKemTheo1" + mark + "End"]
                    self.assertAlmostEqual(x0, start[0], delta=0.5, msg=field)
                    self.assertAlmostEqual(x1, end[0], delta=0.5, msg=field)
                    self.assertTrue(y0 < start[1] <= y1 + 3, f"{field}: {y0}..{y1} vs the bookmark at {start[1]}")

    def test_export_of_a_department_letter_signed_on_page_2(self):
        """Issue 15: a department's letter as a user writes it, from ODT and DOCX ("Số:      /STTTT-VP"
        without a year, "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" on page 2): the export finds every place,
        the number and date on page 1 and the signature between title and name on page 2."""
        for name in ("cong-van-so", "cong-van-so-docx"):
            with self.subTest(name):
                out, _ = self.export_copy(name, "-du-thao.pdf")
                self.assertTrue(ANCHORS <= named_destinations(out), sorted(named_destinations(out)))
                rects = field_rects(out)
                for field in ("kyso_so", "kyso_ngay", "kyso_thang"):
                    self.assertEqual(rects[field][0], 1, field)
                page, (x0, y0, x1, y1) = rects["kyso_official"]
                self.assertEqual(page, 2, "the signature goes where the signer block is")
                dests = destinations_with_positions(out)
                title_end, name_start = dests["kysoChucVuEnd"], dests["kysoHoTenStart"]
                self.assertTrue(name_start[1] < y0 and y1 < title_end[1],
                                f"the signature {y0}..{y1} lies between the name at {name_start[1]} and the title at {title_end[1]}")

    def test_export_docx_leaves_the_word_file_as_it_was(self):
        doc, file_path, digest, text = self.open_copy("docx")
        out = os.path.join(self.work, "from-docx.pdf")
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out))
        self.assertTrue(result.ok, result)
        self.assertTrue(ANCHORS <= named_destinations(out))
        self.assert_untouched(doc, file_path, digest, text)

    def test_export_names_the_output_after_the_document(self):
        doc, file_path, digest, text = self.open_copy("quyet-dinh")
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False)
        self.assertTrue(result.ok, result)
        expected = os.path.join(os.path.dirname(file_path), "quyet-dinh-du-thao.pdf")
        self.assertEqual(path(result["OutputURL"]), expected)
        self.assertTrue(os.path.getsize(expected) > 1000)
        subprocess.run(["qpdf", "--check", expected], check=True, capture_output=True)
        self.assert_untouched(doc, file_path, digest, text)

    def test_pdfa_setting_exports_pdfa_2b(self):
        self.office.set_settings(Output__PdfA=True)
        self.addCleanup(self.office.set_settings, Output__PdfA=False)
        doc, *_ = self.open_copy("quyet-dinh")
        out = os.path.join(self.work, "pdfa.pdf")
        self.assertTrue(self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out)).ok)
        xmp = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", out, "-"], capture_output=True).stdout
        self.assertIn(b"pdfaid:part", xmp)
        self.assertTrue(ANCHORS <= named_destinations(out))

    # --- bad input ----------------------------------------------------------------------------

    def test_a_draft_without_the_signer_block_is_refused_by_name(self):
        doc, file_path, digest, text = self.open_copy("thieu-cho-ky")
        out = os.path.join(self.work, "missing.pdf")
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out))
        self.assertEqual(result.state, FAILURE, result)
        self.assertIn("họ tên người ký", result["MessageVi"])
        self.assertIn("full name", result["MessageEn"])
        self.assertFalse(os.path.exists(out))
        self.assert_untouched(doc, file_path, digest, text)
        self.assertTrue(self.office.alive())

    def test_a_joint_draft_printing_one_name_in_two_blocks_is_refused(self):
        """Issue 15.2, bad input: a joint decision whose two signer blocks print the same name,
        saved as ODT and DOCX, is refused by the export with that name (Signer could not tell
        the blocks apart); nothing is written and the document is left as it was."""
        doc = self.office.open(os.path.join(DEMO, "lien-tich.fodt"))
        replace = doc.createReplaceDescriptor()
        replace.SearchString, replace.ReplaceString = "Lê Văn Hùng", "Nguyễn Thanh Bình"
        self.assertEqual(doc.replaceAll(replace), 1)
        folder = tempfile.mkdtemp(dir=self.work)
        drafts = {kind: self.office.store(doc, os.path.join(folder, "cung-ten." + kind), filter_name)
                  for kind, filter_name in (("odt", "writer8"), ("docx", "MS Word 2007 XML"))}
        doc.close(True)
        for kind, draft in drafts.items():
            with self.subTest(kind):
                doc = self.office.open(draft)
                self.addCleanup(doc.close, True)
                digest, text = sha256(draft), doc.Text.getString()
                out = os.path.join(folder, kind + "-du-thao.pdf")
                result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out))
                self.assertEqual(result.state, FAILURE, result)
                self.assertIn("Hai khối chữ ký cùng in họ tên “Nguyễn Thanh Bình”", result["MessageVi"])
                self.assertIn("Two signer blocks print the same name", result["MessageEn"])
                self.assertFalse(os.path.exists(out))
                written = sorted(n for n in os.listdir(folder) if not n.startswith(".~lock"))
                self.assertEqual(written, ["cung-ten.docx", "cung-ten.odt"], "nothing but the drafts")
                self.assert_untouched(doc, draft, digest, text)

    def test_a_document_never_saved_needs_an_output(self):
        doc = self.office.new_writer("Số:      /QĐ-UBND")
        self.addCleanup(doc.close, True)
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False)
        self.assertEqual(result.state, FAILURE)
        self.assertEqual(result["Code"], "OutputProblem")
        self.assertIn("chưa được lưu", result["MessageVi"])

    def test_a_missing_output_folder_is_said_before_anything_is_written(self):
        doc, file_path, digest, text = self.open_copy("quyet-dinh")
        out = os.path.join(self.work, "no-such-folder", "x.pdf")
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out))
        self.assertEqual(result["Code"], "OutputProblem", result)
        self.assert_untouched(doc, file_path, digest, text)

    def test_a_read_only_output_folder_is_refused(self):
        if os.geteuid() == 0:
            self.skipTest("running as root: a read-only folder is still writable")
        doc, *_ = self.open_copy("quyet-dinh")
        folder = os.path.join(self.work, "read-only")
        os.makedirs(folder)
        os.chmod(folder, 0o555)
        result = self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(os.path.join(folder, "x.pdf")))
        self.assertEqual(result["Code"], "OutputProblem", result)
        self.assertIn("chỉ đọc", result["MessageVi"])

    def test_an_argument_of_the_wrong_type_is_refused(self):
        doc, *_ = self.open_copy("quyet-dinh")
        result = self.office.dispatch(doc, "Issue", Interactive=False, Number="mười")
        self.assertEqual(result["Code"], "BadArguments", result)
        self.assertIn("Number", result["MessageEn"])

    def test_commands_that_need_a_pdf_say_so_in_writer(self):
        doc = self.office.new_writer("Không có gì")
        self.addCleanup(doc.close, True)
        result = self.office.dispatch(doc, "Verify", Interactive=False)
        self.assertEqual(result.state, FAILURE)
        self.assertIn("PDF", result["MessageEn"])

    # --- Verify, settings, scripting API ------------------------------------------------------

    def test_verify_an_unsigned_pdf_opened_in_draw(self):
        doc, *_ = self.open_copy("quyet-dinh")
        out = os.path.join(self.work, "to-verify.pdf")
        self.assertTrue(self.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(out)).ok)
        pdf = self.office.open(out)  # Draw's PDF import
        self.addCleanup(pdf.close, True)
        self.assertTrue(pdf.supportsService("com.sun.star.drawing.DrawingDocument"))
        result = self.office.dispatch(pdf, "Verify", Interactive=False)
        self.assertTrue(result.ok, result)
        self.assertFalse(result["AllValid"])
        self.assertEqual(result["Verdict"], "unsigned")
        self.assertIn("no signature", result["Report"])

    def test_settings_without_dialog_store_what_is_passed(self):
        doc, *_ = self.open_copy("quyet-dinh")
        result = self.office.dispatch(doc, "Settings", Interactive=False, Symbol="QĐ-UBND", SealDiameterMM=36.0,
                                      PIN="123456")
        self.assertTrue(result.ok, result)
        node = self.office.config("/vn.kyso.Settings")
        self.assertEqual(node.getByHierarchicalName("Organisation/Symbol"), "QĐ-UBND")
        self.assertEqual(node.getByHierarchicalName("Images/SealDiameterMM"), 36.0)
        # the PIN is never stored: no setting holds it
        for group in node.getElementNames():
            for name in node.getByName(group).getElementNames():
                self.assertNotEqual(node.getByName(group).getByName(name), "123456", name)

    def test_scripting_service(self):
        rdb = os.environ.get("KYSO_UNO_RDB", "")
        if not os.path.exists(rdb):
            self.skipTest("KYSO_UNO_RDB not set")
        Office.load_types(rdb)
        service = self.office.smgr.createInstanceWithContext("vn.kyso.Kyso", self.office.ctx)
        self.assertIsNotNone(service)
        # exportDraft on a document that is not open: loaded hidden, exported, closed
        folder = tempfile.mkdtemp(dir=self.work)
        source = shutil.copy(self.docs["cong-van"], folder)
        digest = sha256(source)
        out_url = service.exportDraft(url(source), props(OutputURL=url(os.path.join(folder, "cv.pdf"))))
        self.assertTrue(ANCHORS <= named_destinations(path(out_url)))
        self.assertEqual(sha256(source), digest)
        report = service.verify(out_url, ())
        self.assertFalse(report.AllValid)
        self.assertEqual(report.Verdict, "unsigned")
        self.assertEqual(len(report.Signatures), 0)
        import uno
        with self.assertRaises(uno.getClass("vn.kyso.KysoException")) as caught:
            service.verify(url(os.path.join(folder, "does-not-exist.pdf")), ())
        self.assertEqual(caught.exception.Code, "InputUnreadable")


if __name__ == "__main__":
    run_tests()
