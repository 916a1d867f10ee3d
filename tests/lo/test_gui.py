#!/usr/bin/python3
"""LibreOffice with a window, under Xvfb: the kyso toolbar is docked in Writer and in Draw
(checked through the frame's LayoutManager, and shown in a screenshot), and the issuance dialog
opens from the toolbar's command (screenshot, then closed; nothing written).

Screenshots go to $KYSO_SCREENSHOT_DIR (default: the test's temporary folder, kept when set).
Needs Xvfb and a LibreOffice with its X11 plugin (libreoffice-core, not libreoffice-core-nogui)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import uno  # noqa: E402
import unohelper  # noqa: E402
from com.sun.star.awt import XCallback  # noqa: E402
from com.sun.star.frame import XStatusListener  # noqa: E402
from com.sun.star.lang import DisposedException, IndexOutOfBoundsException  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lo_harness import (SOURCE, DONTKNOW, Office, bookmark_free_copy, path, read_env, require,  # noqa: E402
                        run_tests, url)

PROGRAM = "/usr/lib/libreoffice/program"
TOOLBAR = "private:resource/toolbar/addon_vn.kyso.toolbar"


def free_display():
    for number in range(91, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            return f":{number}"
    raise unittest.SkipTest("no free X display number")


def wait_for(predicate, timeout=30.0, step=0.3):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


PUSH_BUTTON = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.PUSH_BUTTON")
RADIO_BUTTON = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.RADIO_BUTTON")
CHECKED = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.CHECKED")
LIST = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.LIST")
LIST_ITEM = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.LIST_ITEM")
PASSWORD_TEXT = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.PASSWORD_TEXT")
ICON = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.ICON")
ENABLED = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.ENABLED")
EDITABLE = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.EDITABLE")
# The state line's texts (issue 16.2) start with one of these.
STATE_LINE_STARTS = ("Dự thảo", "Đã ký", "Đã phát hành", "Tệp PDF có", "Không đọc được", "Chữ ký số", "chưa có")
LABELS = ("Xuất PDF dự thảo", "Ký số", "Phát hành", "Kiểm tra chữ ký", "Sổ văn bản đi", "Cài đặt")


def accessible_tree(window, breadth_first=False):
    """(role, name, context) of every accessible context under `window`. The tree changes while
    it is read (an infobar or a dialog appears, a button is rebuilt): a child that has gone by the
    time it is asked for is skipped, and the callers poll until what they look for is there."""
    pending = [window.getAccessibleContext()]
    while pending:
        context = pending.pop(0) if breadth_first else pending.pop()
        if context is None:
            continue
        try:
            role, name, count = context.getAccessibleRole(), context.getAccessibleName(), context.getAccessibleChildCount()
        except (IndexOutOfBoundsException, DisposedException):
            continue
        yield role, name, context
        for i in range(count):
            try:
                child = context.getAccessibleChild(i)
                if child is not None:
                    pending.append(child.getAccessibleContext())
            except (IndexOutOfBoundsException, DisposedException):
                break


def accessible(window, role, name=None):
    """The first accessible context under `window` with `role` (and `name`), or None."""
    return next((c for r, n, c in accessible_tree(window) if r == role and (name is None or n == name)), None)


def accessibles(window, role):
    """Every accessible context under `window` with `role`, in the order of the tree."""
    return [c for r, _, c in accessible_tree(window, breadth_first=True) if r == role]


def accessible_names(window):
    """The accessible names under `window` (a message box's text is among them)."""
    return [n for _, n, _ in accessible_tree(window) if n]


class _Callback(unohelper.Base, XCallback):
    def __init__(self, job):
        self.job = job

    def notify(self, data):
        self.job()


class _Status(unohelper.Base, XStatusListener):
    """Keeps the last FeatureStateEvent a dispatch sends."""
    def __init__(self):
        self.event = None

    def statusChanged(self, event):
        self.event = event

    def disposing(self, source):
        pass


def has_state(context, state):
    states = context.getAccessibleStateSet()
    return states.contains(state) if hasattr(states, "contains") else bool(states & state)


def is_enabled(context):
    return has_state(context, ENABLED)


class GuiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require("Xvfb", "soffice")
        if not any(name.startswith("libvclplug_gen") for name in os.listdir(PROGRAM)):
            raise unittest.SkipTest("LibreOffice has no X11 plugin here (libreoffice-core-nogui): install the "
                                    "GUI builds (libreoffice-writer, libreoffice-draw) to take screenshots")
        from PIL import ImageGrab  # noqa: F401  (python3-pil with XCB)
        cls.oxt = os.environ.get("KYSO_OXT", "")
        if not os.path.exists(cls.oxt):
            raise unittest.SkipTest("KYSO_OXT not built (LibreOffice SDK missing?)")
        cls.work = tempfile.mkdtemp(prefix="kyso-lo-gui-")
        cls.shots = os.environ.get("KYSO_SCREENSHOT_DIR") or cls.work
        os.makedirs(cls.shots, exist_ok=True)
        cls.display = free_display()
        cls.xvfb = subprocess.Popen(["Xvfb", cls.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_for(lambda: os.path.exists("/tmp/.X11-unix/X" + cls.display[1:]), 10):
            raise unittest.SkipTest("Xvfb did not start")
        # A SoftHSM2 token for the certificate chooser, and the demo images.
        token_dir = os.path.join(cls.work, "token")
        subprocess.run(["bash", os.path.join(SOURCE, "tests/token/make-test-token.sh"), token_dir],
                       check=True, capture_output=True)
        env = dict(line.strip().split("=", 1) for line in open(os.path.join(token_dir, "test-token-paths.env"))
                   if "=" in line)
        cls.module = env["KYSO_TEST_PKCS11_MODULE"]
        labels = dict(line.strip().split("=", 1) for line in open(os.path.join(SOURCE, "tests/token/test-token.env"))
                      if "=" in line and not line.startswith("#"))
        cls.pin = labels["KYSO_TEST_USER_PIN"]
        cls.images = os.path.join(cls.work, "images")
        os.makedirs(cls.images)
        subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "scripts/make-demo-images.py"), cls.images],
                       check=True)
        # The fault shim over the same token, slow in C_Sign (tests/faults/p11shim.c), for a
        # batch that is still signing when the test presses Huỷ; the other tests use the token.
        cls.slow_module = read_env(os.environ.get("KYSO_TEST_CONFIG")).get("KYSO_P11SHIM", "")
        office_env = {"SOFTHSM2_CONF": env["SOFTHSM2_CONF"], "KYSO_SHIM_MODULE": cls.module,
                      "KYSO_SHIM_DELAY_MS": "250"}
        # Install, and set the UI language to Vietnamese for the extension's own texts; then
        # start again: add-on toolbars are read when a window opens.
        office = Office(cls.work, env=office_env, display=cls.display, headless=False)
        office.install(cls.oxt, restart=False)  # started again below anyway
        node = office.config("/org.openoffice.Office.Linguistic/General", update=True)
        node.setPropertyValue("UILocale", "vi")
        node.commitChanges()
        office.close()
        cls.office = Office(cls.work, env=office_env, display=cls.display, headless=False)
        # The issuance dialog's number comes from the outgoing register: a throwaway one. The
        # verification report trusts the test PKI, as an office trusts its national root.
        cls.root_ca = os.path.join(env["KYSO_TEST_PKI_DIR"], "root-ca.pem")
        cls.office.set_settings(Register__Location=url(os.path.join(cls.work, "register.sqlite")),
                                Verify__TrustAnchors=[cls.root_ca])
        plain = os.path.join(cls.work, "plain")
        os.makedirs(plain)
        doc = cls.office.open(bookmark_free_copy(os.path.join(SOURCE, "tests/demo/src/quyet-dinh.fodt"), plain))
        cls.odt = cls.office.store(doc, os.path.join(cls.work, "quyet-dinh.odt"), "writer8")
        cls.pdf = os.path.join(cls.work, "quyet-dinh-du-thao.pdf")
        result = cls.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(cls.pdf))
        assert result.ok, result
        doc.close(True)
        # A joint decision (two signer blocks side by side), saved as ODT and DOCX, and each one's
        # draft exported by the extension.
        cls.joint = {}
        doc = cls.office.open(os.path.join(SOURCE, "tests/demo/src/lien-tich.fodt"))
        for kind, filter_name in (("odt", "writer8"), ("docx", "MS Word 2007 XML")):
            cls.joint[kind] = cls.office.store(doc, os.path.join(cls.work, "lien-tich." + kind), filter_name)
        doc.close(True)
        for kind in ("odt", "docx"):
            doc = cls.office.open(cls.joint[kind])
            draft = os.path.join(cls.work, f"lien-tich-{kind}-du-thao.pdf")
            result = cls.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(draft))
            assert result.ok, result
            cls.joint[kind + "-draft"] = draft
            doc.close(True)

    @classmethod
    def tearDownClass(cls):
        cls.office.close()
        cls.xvfb.terminate()
        cls.xvfb.wait()
        if not os.environ.get("KYSO_SCREENSHOT_DIR"):
            shutil.rmtree(cls.work, ignore_errors=True)

    def shoot(self, name):
        from PIL import ImageGrab
        target = os.path.join(self.shots, name)
        ImageGrab.grab(xdisplay=self.display).save(target)
        return target

    def open_visible(self, file_path):
        doc = self.office.open(file_path, hidden=False)
        self.addCleanup(doc.close, True)
        frame = doc.getCurrentController().getFrame()
        frame.getContainerWindow().setPosSize(0, 0, 1280, 800, 15)
        return doc, frame

    def assert_docked(self, frame, app):
        layout = frame.LayoutManager
        self.assertTrue(wait_for(lambda: layout.getElement(TOOLBAR) is not None), app + ": no kyso toolbar")
        self.assertTrue(layout.isElementVisible(TOOLBAR), app)
        self.assertTrue(layout.isElementDocked(TOOLBAR), app + ": the toolbar floats")

    def toolbar_buttons(self, frame):
        """The kyso toolbar's buttons as the accessibility tree shows them: name → context."""
        layout = frame.LayoutManager
        element = wait_for(lambda: layout.getElement(TOOLBAR))
        self.assertIsNotNone(element, "no kyso toolbar")
        toolbar = element.getRealInterface().getAccessibleContext()
        buttons = {}
        for i in range(toolbar.getAccessibleChildCount()):
            context = toolbar.getAccessibleChild(i).getAccessibleContext()
            if context.getAccessibleRole() == PUSH_BUTTON:
                buttons[context.getAccessibleName()] = context
        return buttons

    def assert_labelled(self, frame, labels, app):
        """Each button of `labels` is there and shows its name beside its icon: an icon-only
        button is about as wide as it is high, a labelled one much wider."""
        buttons = wait_for(lambda: (lambda b: b if all(label in b for label in labels) else None)(
            self.toolbar_buttons(frame)), 15) or self.toolbar_buttons(frame)
        for label in labels:
            self.assertIn(label, buttons, f"{app}: no button {label!r} (buttons: {sorted(buttons)})")
            size = buttons[label].getBounds()
            self.assertGreater(size.Width, size.Height + 20,
                               f"{app}: {label!r} shows no text beside its icon ({size.Width}x{size.Height})")

    def test_toolbar_buttons_show_their_names(self):
        """Issue 16.1: each button shows its name beside its icon, in Writer (all six) and in
        Draw for a PDF (Xuất PDF dự thảo is for Writer documents only)."""
        doc, frame = self.open_visible(self.odt)
        self.assert_labelled(frame, LABELS, "Writer")
        pdf, pdf_frame = self.open_visible(self.pdf)
        self.assert_labelled(pdf_frame, LABELS[1:], "Draw")

    def command_status(self, doc, command):
        """What the dispatch of vn.kyso:COMMAND tells a toolbar button: (enabled, tooltip)."""
        target = uno.createUnoStruct("com.sun.star.util.URL")
        target.Complete = "vn.kyso:" + command
        dispatch = doc.getCurrentController().getFrame().queryDispatch(target, "_self", 0)
        listener = _Status()
        dispatch.addStatusListener(listener, target)
        dispatch.removeStatusListener(listener, target)
        self.assertIsNotNone(listener.event, command + ": no status sent")
        event = listener.event
        self.assertEqual(event.State.value.Command, "SetQuickHelpText")
        tooltip = {a.Name: a.Value for a in event.State.value.Arguments}["HelpText"]
        return event.IsEnabled, tooltip

    def workflow_files(self):
        """A draft PDF, the same signed by the official and then issued, in a new folder: the
        paths and the issuance's result."""
        folder = tempfile.mkdtemp(dir=self.work)
        draft = shutil.copy(self.pdf, folder)
        signed = os.path.join(folder, "quyet-dinh-da-ky.pdf")
        issued = os.path.join(folder, "quyet-dinh-ban-hanh.pdf")
        doc = self.office.open(draft)
        result = self.office.dispatch(doc, "SignOfficial", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="binh", PIN=self.pin, OutputURL=url(signed),
                                      SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        doc.close(True)
        self.assertTrue(result.ok, result)
        doc = self.office.open(signed)
        result = self.office.dispatch(doc, "Issue", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="ubnd", PIN=self.pin, OutputURL=url(issued),
                                      SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                      SealDiameterMM=36.0, Symbol="QĐ-UBND")
        doc.close(True)
        self.assertTrue(result.ok, result)
        return draft, signed, issued, result

    def test_toolbar_states_follow_the_document(self):
        """Issue 16.2: on a draft PDF Phát hành is disabled (the official signs first); on the
        signed one it is enabled and Ký số disabled (its one block is signed: sign_official
        refuses it); on the issued one Ký số and Phát hành are disabled, each with a tooltip that
        says why; seen on the toolbar's buttons through the accessibility tree."""
        draft, signed, issued, _ = self.workflow_files()

        expected = {
            draft: {"Ký số": True, "Phát hành": False, "Kiểm tra chữ ký": True},
            signed: {"Ký số": False, "Phát hành": True, "Kiểm tra chữ ký": True},
            issued: {"Ký số": False, "Phát hành": False, "Kiểm tra chữ ký": True},
        }
        tooltips = {}
        for pdf, states in expected.items():
            doc, frame = self.open_visible(pdf)
            name = os.path.basename(pdf)
            for label, enabled in states.items():
                shown = wait_for(lambda: (lambda b: b.get(label) is not None and is_enabled(b[label]) == enabled)(
                    self.toolbar_buttons(frame)), 15)
                self.assertTrue(shown, f"{name}: {label!r} should be {'enabled' if enabled else 'disabled'}")
            tooltips[pdf] = {command: self.command_status(doc, command) for command in ("SignOfficial", "Issue")}
            for label, command in (("Ký số", "SignOfficial"), ("Phát hành", "Issue")):
                self.assertEqual(tooltips[pdf][command][0], states[label], f"{name}: {command}")
            # A status query after the file changed on disk reads it again (cache per version).
            os.utime(pdf)
            started = time.monotonic()
            self.command_status(doc, "Issue")
            print(f"{name}: Phát hành's state read again in {1000 * (time.monotonic() - started):.0f} ms",
                  file=sys.stderr)
        self.assertIn("người có thẩm quyền ký trước", tooltips[draft]["Issue"][1])
        self.assertIn("Nguyễn Thanh Bình", tooltips[signed]["Issue"][1])
        self.assertIn("quyet-dinh-ban-hanh.pdf", tooltips[signed]["Issue"][1])
        self.assertIn("đã có chữ ký số của người có thẩm quyền", tooltips[signed]["SignOfficial"][1])
        self.assertIn("đã phát hành", tooltips[issued]["SignOfficial"][1])
        self.assertIn("đã được phát hành", tooltips[issued]["Issue"][1])

    def state_line(self, frame, expected, timeout=20):
        """Waits until kyso's state line (the infobar above the document) shows each text of
        `expected`, as the accessibility tree gives its texts; returns those texts."""
        window = frame.getContainerWindow()
        texts = lambda: [n for n in accessible_names(window) if n.startswith(STATE_LINE_STARTS)]
        shown = wait_for(lambda: (lambda t: t if all(any(e in n for n in t) for e in expected) else None)(texts()),
                         timeout)
        self.assertTrue(shown, f"the state line shows {texts()}, not {expected}")
        self.assertTrue(frame.getController().hasInfobar("vn.kyso.state"))
        return shown

    def test_state_line_follows_the_document(self):
        """Issue 16.2: above a PDF, a line says its state and the verdict of its verification:
        Dự thảo on the draft, Đã ký with the official's name and time on the signed one (valid),
        Đã phát hành with the number and date on the issued one; KHÔNG HỢP LỆ on a signed file
        with one byte changed. Screenshots of the signed and the issued file."""
        draft, signed, issued, result = self.workflow_files()
        number = re.search(r"Số (\S+),", result["MessageVi"]).group(1)
        today = time.strftime("%d/%m/%Y", time.gmtime(time.time() + 7 * 3600))  # Vietnam
        tampered = os.path.join(os.path.dirname(signed), "quyet-dinh-sua.pdf")
        with open(signed, "rb") as f:
            data = bytearray(f.read())
        data[400] ^= 0x01
        with open(tampered, "wb") as f:
            f.write(data)
        expected = {
            draft: ["Dự thảo", "chưa có chữ ký số"],
            signed: ["Đã ký: Nguyễn Thanh Bình", "Chữ ký số: HỢP LỆ"],
            issued: [f"Đã phát hành: số {number}, ngày {today}", "Chữ ký số: HỢP LỆ"],
            tampered: ["Đã ký: Nguyễn Thanh Bình", "Chữ ký số: KHÔNG HỢP LỆ — "],
        }
        shots = {signed: "state-line-signed.png", issued: "state-line-issued.png"}
        for pdf, texts in expected.items():
            doc, frame = self.open_visible(pdf)
            shown = self.state_line(frame, texts)
            print(f"{os.path.basename(pdf)}: {shown}", file=sys.stderr)
            if pdf in shots:
                time.sleep(1.5)  # let the window paint
                self.shoot(shots[pdf])
            doc.close(True)

    def test_closing_a_pdf_while_its_state_is_read_keeps_the_office_alive(self):
        """Issue 16.2: the state line is read on the main thread, and the verification's progress
        lets LibreOffice's event loop run, so a window can close while its state is being read.
        LibreOffice's infobar calls crash on a controller whose view is gone (CI saw soffice die
        in doc.close); the state line must then give up. Opens a signed PDF and closes
        each soon after, many times; the office still answers and a PDF opened last shows its state."""
        _, signed, _, _ = self.workflow_files()
        folder = os.path.dirname(signed)
        for i in range(30):
            # A new name each time: the state of a file version already read is not read again.
            pdf = shutil.copy(signed, os.path.join(folder, f"lan-{i}.pdf"))
            doc = self.office.open(pdf, hidden=False)
            time.sleep(0.01 * (i % 10))  # close at different moments of the reading
            doc.close(True)
        doc, frame = self.open_visible(signed)
        self.state_line(frame, ["Đã ký: Nguyễn Thanh Bình"])

    def test_phat_hanh_follows_a_signing_from_writer(self):
        """Issue 16.2: in Writer, Phát hành works on the signed PDF beside the document; it is
        greyed until Ký số has written that file, and the button turns on after the signing
        without the window being opened again (the dispatch tells its listeners anew)."""
        folder = tempfile.mkdtemp(dir=self.work)
        odt = shutil.copy(self.odt, folder)
        doc, frame = self.open_visible(odt)
        issue_enabled = lambda: (lambda b: b.get("Phát hành") is not None and is_enabled(b["Phát hành"]))(
            self.toolbar_buttons(frame))
        self.assertTrue(wait_for(lambda: self.toolbar_buttons(frame).get("Phát hành") is not None, 15))
        self.assertFalse(issue_enabled(), "Phát hành enabled before anything was signed")
        self.state_line(frame, ["Dự thảo", "chưa có bản PDF đã ký"])
        self.assertIn("quyet-dinh-da-ky.pdf", self.command_status(doc, "Issue")[1])
        result = self.office.dispatch(doc, "SignOfficial", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="binh", PIN=self.pin,
                                      SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        self.assertTrue(result.ok, result)
        self.assertEqual(os.path.basename(path(result["OutputURL"])), "quyet-dinh-da-ky.pdf")
        self.assertTrue(wait_for(issue_enabled, 15), "Phát hành stayed greyed after the signing")
        self.state_line(frame, ["Đã ký: Nguyễn Thanh Bình", "(quyet-dinh-da-ky.pdf)", "Chữ ký số: HỢP LỆ"])

    # --- joint documents (issue 15.2) ---------------------------------------------------------

    BINH, HUNG = "Nguyễn Thanh Bình", "Lê Văn Hùng"  # the right-hand block, the left-hand one

    def sign_block(self, pdf, output, signer, cert="binh"):
        doc = self.office.open(pdf)
        result = self.office.dispatch(doc, "SignOfficial", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel=cert, PIN=self.pin, OutputURL=url(output),
                                      SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")), Signer=signer)
        doc.close(True)
        self.assertTrue(result.ok, result)
        return output

    def issue_block(self, pdf, output, signer):
        doc = self.office.open(pdf)
        result = self.office.dispatch(doc, "Issue", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="ubnd", PIN=self.pin, OutputURL=url(output),
                                      SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                      SealDiameterMM=36.0, Symbol="QĐLT-SNV-STC", Signer=signer)
        doc.close(True)
        self.assertTrue(result.ok, result)
        # The second organisation keeps the first one's number: no "number taken" warning.
        self.assertFalse([w for w in (result["Warnings"] or ()) if "văn bản khác" in w], result["Warnings"])
        return output

    @staticmethod
    def signed_fields(pdf):
        """Names of the signature fields of `pdf` that carry a signature."""
        from lo_harness import qpdf_json
        info = qpdf_json(pdf)
        objects = info["qpdf"][1]
        return {f["fullname"] for f in info["acroform"]["fields"]
                if f["fieldtype"] == "/Sig" and "/V" in objects["obj:" + f["object"]]["value"]}

    def assert_buttons(self, pdf, states):
        doc, frame = self.open_visible(pdf)
        name = os.path.basename(pdf)
        for label, enabled in states.items():
            shown = wait_for(lambda: (lambda b: b.get(label) is not None and is_enabled(b[label]) == enabled)(
                self.toolbar_buttons(frame)), 15)
            self.assertTrue(shown, f"{name}: {label!r} should be {'enabled' if enabled else 'disabled'}"
                                   f" ({self.command_status(doc, {'Ký số': 'SignOfficial', 'Phát hành': 'Issue'}[label])[1]})")
        tooltips = {command: self.command_status(doc, command)[1] for command in ("SignOfficial", "Issue")}
        doc.close(True)
        return tooltips

    def test_joint_document_toolbar_follows_each_block(self):
        """Issue 15.2: on a joint decision (from ODT and DOCX) Ký số stays enabled while a block
        is unsigned and Phát hành waits for every official, then stays enabled while a signed
        block has no organisation signature. Before, the state knew only kyso_official/kyso_org:
        Phát hành was enabled after the first official's signature (and refused after the PIN),
        Ký số after both, and Phát hành disabled after the first organisation had issued."""
        for kind in ("odt", "docx"):
            with self.subTest(kind):
                folder = tempfile.mkdtemp(dir=self.work)
                draft = self.joint[kind + "-draft"]
                first = self.sign_block(draft, os.path.join(folder, "ky-1.pdf"), self.BINH)
                both = self.sign_block(first, os.path.join(folder, "ky-2.pdf"), self.HUNG, "binh-ec")
                lead = self.issue_block(both, os.path.join(folder, "ban-hanh-1.pdf"), self.HUNG)
                joint = self.issue_block(lead, os.path.join(folder, "ban-hanh-2.pdf"), self.BINH)
                self.assertEqual(self.signed_fields(joint),
                                 {"kyso_official", "kyso_official_2", "kyso_org", "kyso_org_2"})
                expected = [(draft, True, False), (first, True, False), (both, False, True), (lead, False, True),
                            (joint, False, False)]
                tips = {}
                for pdf, sign, issue in expected:
                    tips[pdf] = self.assert_buttons(pdf, {"Ký số": sign, "Phát hành": issue})
                self.assertIn("chỉ phát hành khi mọi người ký đã ký", tips[first]["Issue"])
                self.assertIn("1 đã ký, 1 chưa ký", tips[first]["SignOfficial"])
                self.assertIn("mọi khối chữ ký đã có chữ ký số", tips[both]["SignOfficial"])
                self.assertIn("1 đã ký, chờ phát hành, 1 đã phát hành", tips[lead]["Issue"])
                self.assertIn("đã được phát hành", tips[joint]["Issue"])

    def block_chooser(self):
        """The block chooser's radio buttons: (label, enabled, checked) of each, and the window."""
        window = self.top_window(("Chọn khối chữ ký", "Choose the signer block"), 90)
        self.assertIsNotNone(window, "the block chooser did not open")
        radios = wait_for(lambda: accessibles(window, RADIO_BUTTON), 10)
        self.assertTrue(radios, "no block to choose in the chooser")
        return window, radios

    PREVIEW_TITLES = ("Xem trước chữ ký", "Signature preview", "Xem trước bản phát hành", "Issuance preview")

    def preview(self, timeout=60):
        """The preview shown before the token is opened (issue 16.3): the window, its caption and
        its picture of the page (the image control, an accessible ICON)."""
        window = self.top_window(self.PREVIEW_TITLES, timeout)
        self.assertIsNotNone(window, "the preview did not open")
        caption = wait_for(lambda: [n for n in accessible_names(window) if "sau khi ký" in n], 10)
        self.assertTrue(caption, accessible_names(window))
        self.assertIsNotNone(wait_for(lambda: accessible(window, ICON), 10), "no picture of the page")
        return window, caption[0]

    def enter_pin(self):
        """Ký in the preview, Chọn in the certificate chooser, the PIN and Ký."""
        window, _ = self.preview()
        self.press(window, "Ký")
        chooser = self.top_window(("Chọn chứng thư số", "Choose a certificate"))
        # Once (under load, 1 run in 6) the chooser did not open after Ký: say which windows were up.
        self.assertIsNotNone(chooser, f"the certificate chooser did not open; top windows: {self.top_titles()}")
        self.press(chooser, "Chọn")
        dialog = self.top_window(("Nhập PIN", "Enter PIN"))
        self.assertIsNotNone(dialog, "the PIN dialog did not open")
        accessible(dialog, PASSWORD_TEXT).setText(self.pin)
        self.press(dialog, "Ký")

    def finish_signing(self):
        """enter_pin, then Không in the result box (or the failure with the error box's text)."""
        self.enter_pin()
        box = wait_for(lambda: self.top_window(button="Không", timeout=0.5) or self.top_window(button="OK", timeout=0.5),
                       180)
        self.assertIsNotNone(box, "no result box after signing")
        if accessible(box, PUSH_BUTTON, "Không") is None:
            self.fail("signing failed: " + " | ".join(accessible_names(box)))
        self.press(box, "Không")

    def test_signing_a_joint_docx_offers_its_blocks(self):
        """Issue 15.2: Ký số on a joint decision in Writer (a DOCX) lists both signer blocks by
        printed title and name; the official picks the left-hand block, and only that block is
        signed. Before, the extension refused with the list of names."""
        folder = tempfile.mkdtemp(dir=self.work)
        docx = shutil.copy(self.joint["docx"], folder)
        output = os.path.join(folder, "lien-tich-da-ky.pdf")
        doc, frame = self.open_visible(docx)
        results = self.start_interactive(doc, "SignOfficial", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="binh-ec", OutputURL=url(output),
                                         SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        window, radios = self.block_chooser()
        labels = [r.getAccessibleName() for r in radios]
        self.assertEqual(len(radios), 2, labels)
        self.assertEqual(labels[0], "GIÁM ĐỐC SỞ NỘI VỤ — Nguyễn Thanh Bình (chưa ký)")
        self.assertEqual(labels[1], "GIÁM ĐỐC SỞ TÀI CHÍNH — Lê Văn Hùng (chưa ký)")
        self.assertTrue(all(is_enabled(r) for r in radios), "both blocks are still to sign")
        radios[1].doAccessibleAction(0)
        self.assertTrue(wait_for(lambda: has_state(radios[1], CHECKED), 5))
        time.sleep(1)
        self.shoot("block-chooser-sign.png")
        self.press(window, "Chọn")
        self.finish_signing()
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertEqual(self.signed_fields(output), {"kyso_official_2"}, "the left-hand block only")

        # Signed again: the block already signed is shown as such and cannot be chosen.
        pdf, _ = self.open_visible(output)
        results = self.start_interactive(pdf, "SignOfficial", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="binh", OutputURL=url(os.path.join(folder, "ky-2.pdf")),
                                         SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        self.cancel_with_only_the_first_block_choosable(results, [
            "GIÁM ĐỐC SỞ NỘI VỤ — Nguyễn Thanh Bình (chưa ký)",
            "GIÁM ĐỐC SỞ TÀI CHÍNH — Lê Văn Hùng (đã ký)"])
        self.assertFalse(os.path.exists(os.path.join(folder, "ky-2.pdf")))

    def cancel_with_only_the_first_block_choosable(self, results, labels):
        """The block chooser lists `labels`, the first preselected and the second greyed (a block
        the step cannot take); Cancel ends the command with nothing written."""
        window, radios = self.block_chooser()
        self.assertEqual([r.getAccessibleName() for r in radios], labels)
        self.assertTrue(is_enabled(radios[0]) and has_state(radios[0], CHECKED))
        self.assertFalse(is_enabled(radios[1]), "a block the step cannot take can be chosen")
        window.endExecute()  # = Cancel
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertEqual(results[0]["Code"], "Cancelled")

    def test_issuing_a_joint_document_offers_the_signed_blocks(self):
        """Issue 15.2: Phát hành on a joint decision both officials signed offers both blocks; the
        văn thư of the second department picks its own (left-hand) block, and its seal goes
        there; on the result Phát hành offers only the other block, the issued one greyed."""
        folder = tempfile.mkdtemp(dir=self.work)
        first = self.sign_block(self.joint["odt-draft"], os.path.join(folder, "ky-1.pdf"), self.BINH)
        both = self.sign_block(first, os.path.join(folder, "ky-2.pdf"), self.HUNG, "binh-ec")
        issued = os.path.join(folder, "ban-hanh-1.pdf")
        pdf, _ = self.open_visible(both)
        results = self.start_interactive(pdf, "Issue", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="ubnd", OutputURL=url(issued), Symbol="QĐLT-SNV-STC",
                                         SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                         SealDiameterMM=36.0)
        window, radios = self.block_chooser()
        self.assertEqual([r.getAccessibleName() for r in radios],
                         ["GIÁM ĐỐC SỞ NỘI VỤ — Nguyễn Thanh Bình (đã ký, chờ phát hành)",
                          "GIÁM ĐỐC SỞ TÀI CHÍNH — Lê Văn Hùng (đã ký, chờ phát hành)"])
        self.assertTrue(all(is_enabled(r) for r in radios))
        radios[1].doAccessibleAction(0)
        self.assertTrue(wait_for(lambda: has_state(radios[1], CHECKED), 5))
        self.shoot("block-chooser-issue.png")
        self.press(window, "Chọn")
        self.press_issue_in_dialog()
        self.finish_signing()
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertEqual(self.signed_fields(issued), {"kyso_official", "kyso_official_2", "kyso_org_2"})

        pdf, _ = self.open_visible(issued)
        results = self.start_interactive(pdf, "Issue", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="ubnd", OutputURL=url(os.path.join(folder, "ban-hanh-2.pdf")),
                                         Symbol="QĐLT-SNV-STC", SealImageURL=url(os.path.join(self.images, "con-dau.png")))
        self.cancel_with_only_the_first_block_choosable(results, [
            "GIÁM ĐỐC SỞ NỘI VỤ — Nguyễn Thanh Bình (đã ký, chờ phát hành)",
            "GIÁM ĐỐC SỞ TÀI CHÍNH — Lê Văn Hùng (đã phát hành)"])

    def refusal_before_the_token(self, doc, command, expected, **args):
        """Dispatches `command` interactively and expects an error box saying `expected` before
        anything else: no certificate chooser, PIN or issuance dialog (the token is not opened).
        Returns the command's result."""
        results = self.start_interactive(doc, command, PKCS11Module=self.module, TokenLabel="kyso-test", **args)
        asked = ("Chọn chứng thư số", "Choose a certificate", "Nhập PIN", "Enter PIN", "Phát hành văn bản",
                 "Issue the document", "Chọn khối chữ ký", "Choose the signer block")
        window = wait_for(lambda: self.top_window(asked, 0.2) or self.top_window(button="OK", timeout=0.2), 90)
        self.assertIsNotNone(window, f"{command}: neither a refusal nor a dialog")
        title = window.getAccessibleContext().getAccessibleName()
        if title in asked:
            window.endExecute()
            self.assertTrue(wait_for(lambda: results, 30))
            self.fail(f"{command} opened {title!r} instead of refusing ({args.get('Signer')!r})")
        texts = " | ".join(accessible_names(window))
        self.assertIn(expected, texts)
        self.press(window, "OK")
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertEqual(results[0]["Code"], "BadArguments", results[0])
        return results[0]

    def test_a_signer_block_that_cannot_be_chosen_is_refused_before_the_token(self):
        """Issue 15.2: a Signer argument naming a block the step cannot take now, or a name no
        block prints, is refused before the token is opened, with the reason and the blocks that
        can be chosen: no certificate chooser, no PIN, nothing written. Before, the certificate
        and the PIN were asked, and only then did the core refuse."""
        folder = tempfile.mkdtemp(dir=self.work)
        first = self.sign_block(self.joint["docx-draft"], os.path.join(folder, "ky-1.pdf"), self.BINH)
        output = os.path.join(folder, "ky-2.pdf")
        doc, _ = self.open_visible(first)
        image = url(os.path.join(self.images, "chu-ky.png"))
        seal = url(os.path.join(self.images, "con-dau.png"))
        result = self.refusal_before_the_token(
            doc, "SignOfficial", f"khối chữ ký của “{self.BINH}” (đã ký)", CertLabel="binh", Signer=self.BINH,
            OutputURL=url(output), SignatureImageURL=image)
        self.assertIn(f"“{self.HUNG}”", result["MessageVi"])  # the block that can be signed
        self.refusal_before_the_token(doc, "SignOfficial", "Không có khối chữ ký nào in họ tên “Trần Văn Không”",
                                      CertLabel="binh", Signer="Trần Văn Không", OutputURL=url(output),
                                      SignatureImageURL=image)
        self.refusal_before_the_token(doc, "Issue", f"chưa có chữ ký số của người có thẩm quyền ({self.HUNG})",
                                      CertLabel="ubnd", Signer=self.HUNG, OutputURL=url(output), SealImageURL=seal,
                                      SealDiameterMM=36.0, Symbol="QĐLT-SNV-STC")
        self.assertFalse(os.path.exists(output))

    def test_a_numbered_joint_document_keeps_its_number_in_the_issuance_dialog(self):
        """Issue 15.2: when the lead organisation has numbered a joint decision, the issuance
        dialog of the second one shows that number read-only with the reason, and the symbol
        printed with it read-only too (the issuance writes no symbol), and the issuance keeps
        them. Before, the number could be edited and a different one was refused only after
        the PIN; the symbol stayed editable. A different Number without the dialog is refused
        before the token: the module named here does not exist, and the refusal is the number's."""
        folder = tempfile.mkdtemp(dir=self.work)
        first = self.sign_block(self.joint["odt-draft"], os.path.join(folder, "ky-1.pdf"), self.BINH)
        both = self.sign_block(first, os.path.join(folder, "ky-2.pdf"), self.HUNG, "binh-ec")
        lead = self.issue_block(both, os.path.join(folder, "ban-hanh-1.pdf"), self.HUNG)
        from lo_harness import qpdf_json
        number = next(f["value"] for f in qpdf_json(lead)["acroform"]["fields"] if f["fullname"] == "kyso_so")
        number = number[2:] if number.startswith("u:") else number  # qpdf's JSON marks text strings
        joint = os.path.join(folder, "ban-hanh-2.pdf")
        doc = self.office.open(lead)
        refused = self.office.dispatch(doc, "Issue", Interactive=False, PKCS11Module=os.path.join(folder, "khong-co.so"),
                                       TokenLabel="kyso-test", CertLabel="ubnd", PIN=self.pin, OutputURL=url(joint),
                                       SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                       Number=int(number) + 1, Symbol="QĐLT-SNV-STC", Signer=self.BINH)
        doc.close(True)
        self.assertFalse(refused.ok, refused)
        self.assertIn(f"đã được cấp số {number}", refused["MessageVi"])
        self.assertFalse(os.path.exists(joint))
        pdf, _ = self.open_visible(lead)
        results = self.start_interactive(pdf, "Issue", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="ubnd", OutputURL=url(joint), Symbol="KHAC-KY-HIEU",
                                         SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                         SealDiameterMM=36.0, Signer=self.BINH)
        dialog = self.top_window(("Phát hành văn bản", "Issue the document"), 90)
        self.assertIsNotNone(dialog, "the issuance dialog did not open")
        fields = wait_for(lambda: [(c, c.getText()) for _, _, c in accessible_tree(dialog) if hasattr(c, "getText")],
                          10)
        shown = [c for c, text in fields if text.strip() in (number, number.lstrip("0"))]
        editable = not shown or any(has_state(c, EDITABLE) for c in shown)
        symbols = [c for c, text in fields if text.strip().endswith("QĐLT-SNV-STC")]
        symbol_editable = not symbols or any(has_state(c, EDITABLE) for c in symbols)
        names = accessible_names(dialog)
        if editable or symbol_editable or not any(f"đã được cấp số {number}" in n for n in names):
            dialog.endExecute()  # = Cancel, so that the window can close
            self.assertTrue(wait_for(lambda: results, 30))
            self.fail(f"the number {number} and the printed symbol are not shown read-only with the reason: "
                      f"{[t for _, t in fields]}, {names}")
        time.sleep(1)
        self.shoot("issuance-dialog-joint.png")
        self.press(dialog, "Phát hành")
        self.finish_signing()
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertIn(f"Số {number}/", results[0]["MessageVi"])
        self.assertNotIn("KHAC-KY-HIEU", results[0]["MessageVi"])
        self.assertEqual(self.signed_fields(joint), {"kyso_official", "kyso_official_2", "kyso_org", "kyso_org_2"})
    # --- batch issuance: one PIN for a document and its attachments (issue 16.4) ---------------

    def batch_files(self):
        """A folder with the official-signed decision and two plain PDF attachments (and a third
        the văn thư will take off the list): the signed PDF and the attachments' paths."""
        folder = tempfile.mkdtemp(dir=self.work)
        signed = os.path.join(folder, "quyet-dinh-da-ky.pdf")
        doc = self.office.open(self.pdf)
        result = self.office.dispatch(doc, "SignOfficial", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="binh", PIN=self.pin, OutputURL=url(signed),
                                      SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        doc.close(True)
        self.assertTrue(result.ok, result)
        attachments = []
        for name in ("phu-luc-1", "phu-luc-2", "nham-tep"):
            doc = self.office.new_writer("Phụ lục " + name + "\n\nDanh sách kèm theo quyết định.")
            attachments.append(self.office.store(doc, os.path.join(folder, name + ".pdf"), "writer_pdf_Export"))
            doc.close(True)
        return folder, signed, attachments

    def issue_args(self, issued, attachments):
        return dict(PKCS11Module=self.module, TokenLabel="kyso-test", CertLabel="ubnd", OutputURL=url(issued),
                    SealImageURL=url(os.path.join(self.images, "con-dau.png")), SealDiameterMM=36.0,
                    Symbol="QĐ-UBND", AttachmentURLs=uno.Any("[]string", tuple(url(a) for a in attachments)))

    def register_rows(self):
        register = os.path.join(self.work, "register.sqlite")
        if not os.path.exists(register):
            return []
        import sqlite3
        with sqlite3.connect(register) as db:
            return db.execute("SELECT * FROM register_entries ORDER BY number").fetchall()

    @staticmethod
    def written(folder):
        """The files in `folder`, without LibreOffice's lock files of the documents it has open."""
        return sorted(name for name in os.listdir(folder) if not name.startswith(".~lock."))

    @staticmethod
    def list_names(window):
        return [n for r, n, _ in accessible_tree(window, breadth_first=True) if r == LIST_ITEM]

    def test_batch_issuance_signs_the_attachments_on_one_pin(self):
        """Issue 16.4: the issuance dialog lists the attachments by file name; the văn thư takes
        one off the list (Bỏ tệp), issues, and types the PIN once: the decision and both
        attachments are signed (pdfsig, kyso verify), each attachment with the decision's number,
        under the CLI's names. Before, the dialog had no attachments and only the decision was
        issued."""
        folder, signed, (first, second, wrong) = self.batch_files()
        issued = os.path.join(folder, "quyet-dinh-ban-hanh.pdf")
        pdf, _ = self.open_visible(signed)
        results = self.start_interactive(pdf, "Issue", **self.issue_args(issued, [first, second, wrong]))
        dialog = self.top_window(("Phát hành văn bản", "Issue the document"), 60)
        self.assertIsNotNone(dialog, "the issuance dialog did not open")
        names = ["phu-luc-1.pdf", "phu-luc-2.pdf", "nham-tep.pdf"]
        self.assertEqual(wait_for(lambda: self.list_names(dialog) == names, 10) and self.list_names(dialog), names)
        listing = accessible(dialog, LIST)
        self.assertIsNotNone(listing, "no attachment list in the dialog")
        listing.selectAccessibleChild(2)
        self.press(dialog, "Bỏ tệp")
        self.assertTrue(wait_for(lambda: self.list_names(dialog) == names[:2], 10), self.list_names(dialog))
        time.sleep(1)
        self.shoot("issuance-dialog-attachments.png")
        self.press(dialog, "Phát hành")
        self.finish_signing()  # one certificate choice, one PIN
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        result = results[0]
        self.assertTrue(result.ok, result)
        outputs = [path(u) for u in result["AttachmentOutputURLs"]]
        self.assertEqual(outputs, [os.path.join(folder, "phu-luc-1-ban-hanh.pdf"),
                                   os.path.join(folder, "phu-luc-2-ban-hanh.pdf")])
        self.assertFalse(os.path.exists(os.path.join(folder, "nham-tep-ban-hanh.pdf")), "a removed attachment was signed")
        number = re.search(r"Số (\d+/\d{4}/QĐ-UBND)", result["MessageVi"])
        self.assertIsNotNone(number, result["MessageVi"])
        kyso = read_env(os.environ.get("KYSO_TEST_CONFIG")).get("KYSO_BIN", "")
        for pdf_file, count in ((issued, 2), (outputs[0], 1), (outputs[1], 1)):
            out = subprocess.run(["pdfsig", pdf_file], capture_output=True, text=True).stdout
            self.assertEqual(out.count("Signature Validation: Signature is Valid."), count, out)
            if kyso and os.path.exists(kyso):
                report = subprocess.run([kyso, "verify", pdf_file, "--trust", self.root_ca, "--json"],
                                        capture_output=True, text=True).stdout
                self.assertTrue(json.loads(report)["all_valid"], report)
        for attachment in outputs:
            text = subprocess.run(["pdftotext", attachment, "-"], capture_output=True, text=True).stdout
            self.assertIn(number.group(1), text, "the attachment does not carry the decision's number")

    def test_huy_stops_a_batch_issuance_and_keeps_nothing(self):
        """Issue 16.5: while a batch is signed, a window beside the status bar offers Huỷ (the
        status bar of LibreOffice 7.4 has none); Huỷ stops the batch before the next attachment:
        no issued file, no signed attachment, and the register's number is given back. Before,
        a batch could not be stopped once the PIN was typed."""
        folder, signed, (first, _, _) = self.batch_files()
        attachments = self.copies_of(first, 18)
        before = self.written(folder)
        rows = self.register_rows()
        results, window = self.start_slow_batch(signed, attachments)
        self.shoot("batch-cancel.png")
        self.cancel_with_huy(window, results, timeout=120)
        self.assertEqual(self.written(folder), before, "Huỷ left a file")
        self.assertEqual(self.register_rows(), rows, "the register's number was not given back")

    def test_a_pdf_opened_during_a_batch_gets_its_state_line_after_the_batch(self):
        """Issue 16.5: while a batch is signed on its worker thread, a PDF the văn thư opens
        gets its state line only once the worker has ended (defer_while_busy): the line reads
        the PDF with the core's readers, which run on one thread at a time. Before, the line
        was read on the main thread beside the worker. Then the line is there as usual."""
        folder, signed, (first, _, _) = self.batch_files()
        other = shutil.copy(signed, os.path.join(folder, "van-ban-khac.pdf"))
        results, window = self.start_slow_batch(signed, self.copies_of(first, 38))
        _, frame = self.open_visible(other)
        time.sleep(3)  # a line read at once is there in well under a second on this file
        self.assertFalse(results, "the batch ended before the check: it proves nothing")
        self.assertFalse(frame.getController().hasInfobar("vn.kyso.state"),
                         "the state line was read while the batch's worker ran")
        self.cancel_with_huy(window, results, timeout=120)
        self.state_line(frame, ["Đã ký: Nguyễn Thanh Bình", "Chữ ký số: HỢP LỆ"], timeout=30)

    def test_an_attachment_already_signed_stops_the_issuance_before_the_pin(self):
        """Issue 16.4, bad input: an attachment that is itself signed (here the signed decision
        again, under another name) is named, with why, before any PIN, in the dialog (which opens
        again) and for automation; nothing is written and the register is as it was. Before, the
        attachments were ignored and the decision was issued alone."""
        folder, signed, (first, _, _) = self.batch_files()
        signed_before = shutil.copy(signed, os.path.join(folder, "da-ky-truoc.pdf"))
        issued = os.path.join(folder, "quyet-dinh-ban-hanh.pdf")
        files, rows = self.written(folder), self.register_rows()

        doc = self.office.open(signed)
        result = self.office.dispatch(doc, "Issue", Interactive=False, PIN=self.pin,
                                      **self.issue_args(issued, [first, signed_before]))
        doc.close(True)
        self.assertFalse(result.ok, result)
        self.assertEqual(result["Code"], "BadArguments", result)
        self.assertIn("Tệp đính kèm 2", result["MessageVi"])
        self.assertIn("da-ky-truoc.pdf", result["MessageVi"])
        self.assertIn("đã có chữ ký số", result["MessageVi"])

        pdf, _ = self.open_visible(signed)
        results = self.start_interactive(pdf, "Issue", **self.issue_args(issued, [first, signed_before]))
        self.press_issue_in_dialog(timeout=60)
        box = self.top_window(button="OK", timeout=30)
        self.assertIsNotNone(box, "no message about the signed attachment")
        text = " | ".join(accessible_names(box))
        self.assertIn("Tệp đính kèm 2", text)
        self.assertIn("đã có chữ ký số", text)
        self.assertIsNone(self.top_window(("Nhập PIN", "Enter PIN"), timeout=1), "the PIN was asked")
        self.press(box, "OK")
        dialog = self.top_window(("Phát hành văn bản", "Issue the document"), 30)
        self.assertIsNotNone(dialog, "the issuance dialog did not open again")
        dialog.endExecute()  # = Cancel
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertEqual(results[0]["Code"], "Cancelled")
        self.assertEqual(self.written(folder), files, "a file was written")
        self.assertEqual(self.register_rows(), rows, "the register changed")

    def test_toolbar_docked_in_writer(self):
        doc, frame = self.open_visible(self.odt)
        self.assert_docked(frame, "Writer")
        time.sleep(2)  # let the window paint
        self.assertTrue(os.path.getsize(self.shoot("toolbar-writer.png")) > 10000)

    def test_toolbar_docked_in_draw_for_a_pdf(self):
        doc, frame = self.open_visible(self.pdf)
        self.assertTrue(doc.supportsService("com.sun.star.drawing.DrawingDocument"))
        self.assert_docked(frame, "Draw")
        time.sleep(2)
        self.shoot("toolbar-draw-pdf.png")

    def top_window(self, titles=(), timeout=30, button=None):
        """The first top window whose title is one of `titles`, or that has a push button
        labelled `button` (message boxes), waiting for it. No window manager runs, so nothing
        is "active": look through them all."""
        toolkit = self.office.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.office.ctx)

        def find():
            for i in range(toolkit.getTopWindowCount()):
                window = toolkit.getTopWindow(i)
                try:
                    # Message boxes have no getTitle(): their accessible name is the title.
                    title = window.getAccessibleContext().getAccessibleName()
                    if title in titles or (button and accessible(window, PUSH_BUTTON, button)):
                        return window
                except Exception:
                    pass
            return None
        return wait_for(find, timeout)

    def start_interactive(self, doc, command, **args):
        """Dispatches an interactive command on LibreOffice's main thread (dialogs need it, as
        after a toolbar click): from an AsyncCallback, whose nested calls the bridge runs on the
        main thread. Returns the list that receives the command's result."""
        results = []
        callback = _Callback(lambda: results.append(self.office.dispatch(doc, command, Interactive=True, **args)))
        worker = threading.Thread(target=lambda: self.office.smgr.createInstanceWithContext(
            "com.sun.star.awt.AsyncCallback", self.office.ctx).addCallback(callback, None))
        worker.start()
        self.addCleanup(worker.join, 5)
        return results

    def run_modal(self, doc, command, titles, screenshot, after_preview=False, **args):
        """Dispatches an interactive command, waits for its dialog (after Ký in the preview),
        takes the screenshot and cancels the dialog; returns the command's result."""
        results = self.start_interactive(doc, command, **args)
        if after_preview:
            self.press(self.preview()[0], "Ký")
        window = self.top_window(titles)
        self.assertIsNotNone(window, f"{command}: the dialog did not open")
        time.sleep(1.5)
        self.shoot(screenshot)
        window.endExecute()  # = Cancel: nothing is written
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertEqual(results[0].state, DONTKNOW, results[0])
        self.assertEqual(results[0]["Code"], "Cancelled")
        return results[0]

    @staticmethod
    def copies_of(attachment, copies):
        """`attachment` and `copies` copies of it beside it (phu-luc-3.pdf, …)."""
        folder = os.path.dirname(attachment)
        return [attachment] + [shutil.copy(attachment, os.path.join(folder, f"phu-luc-{i}.pdf"))
                               for i in range(3, copies + 3)]

    def start_slow_batch(self, signed, attachments):
        """Issues `signed` with `attachments` on the slow token (the fault shim,
        KYSO_SHIM_DELAY_MS a signature), through the dialog and the PIN, so that a long batch is
        still signing when the test acts: the command's results (empty while it runs) and the
        batch's window, once it says it signs the attachments."""
        if not os.path.exists(self.slow_module):
            self.skipTest("the fault shim tests/faults/p11shim.c is not built")
        pdf, _ = self.open_visible(signed)
        args = self.issue_args(os.path.join(os.path.dirname(signed), "quyet-dinh-ban-hanh.pdf"), attachments)
        args["PKCS11Module"] = self.slow_module
        results = self.start_interactive(pdf, "Issue", **args)
        self.press_issue_in_dialog(timeout=60)
        self.enter_pin()
        window = self.top_window(("Phát hành", "Issuing"), 60)
        self.assertIsNotNone(window, "no window to stop the batch")
        self.assertTrue(wait_for(lambda: [n for n in accessible_names(window) if "Ký tệp đính kèm" in n], 10),
                        accessible_names(window))
        return results, window

    def cancel_with_huy(self, window, results, timeout=30):
        """Huỷ in `window` (a preview, the batch's window): the command returns Cancelled."""
        self.press(window, "Huỷ")
        self.assertTrue(wait_for(lambda: results, timeout), "the command did not return")
        self.assertEqual(results[0]["Code"], "Cancelled", results[0])

    def press_issue_in_dialog(self, timeout=30):
        """Phát hành in the issuance dialog, once it is open."""
        dialog = self.top_window(("Phát hành văn bản", "Issue the document"), timeout)
        self.assertIsNotNone(dialog, "the issuance dialog did not open")
        self.press(dialog, "Phát hành")

    def top_titles(self):
        """The accessible names (titles) of every top window, for a failure's message."""
        toolkit = self.office.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.office.ctx)
        titles = []
        for i in range(toolkit.getTopWindowCount()):
            try:
                titles.append(toolkit.getTopWindow(i).getAccessibleContext().getAccessibleName())
            except Exception as e:  # a window closing meanwhile
                titles.append(f"? ({e})")
        return titles

    def press(self, window, label):
        """Clicks the button `label` of a dialog through its accessibility tree, as a user would."""
        button = accessible(window, PUSH_BUTTON, label)
        self.assertIsNotNone(button, f"no button {label!r} in {window.getAccessibleContext().getAccessibleName()!r}")
        button.doAccessibleAction(0)

    def test_pin_dialog_signs_and_report_dialog_shows_the_result(self):
        """The OK paths: the PIN typed into the PIN dialog signs; the result box offers to open
        the file (answered No); the Verify report dialog shows the signature valid and closes
        with OK."""
        folder = tempfile.mkdtemp(dir=self.work)
        draft = shutil.copy(self.pdf, folder)
        doc, frame = self.open_visible(draft)
        signed = os.path.join(folder, "quyet-dinh-da-ky.pdf")
        results = self.start_interactive(doc, "SignOfficial", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="binh", OutputURL=url(signed),
                                         SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        preview, _ = self.preview()
        self.press(preview, "Ký")
        chooser = self.top_window(("Chọn chứng thư số", "Choose a certificate"))
        self.assertIsNotNone(chooser, "the certificate chooser did not open")
        self.press(chooser, "Chọn")  # CertLabel="binh" is preselected
        dialog = self.top_window(("Nhập PIN", "Enter PIN"))
        self.assertIsNotNone(dialog, "the PIN dialog did not open")
        field = accessible(dialog, PASSWORD_TEXT)
        self.assertIsNotNone(field, "no masked PIN field")
        field.setText(self.pin)
        time.sleep(0.5)
        self.shoot("pin-dialog.png")
        self.press(dialog, "Ký")
        box = self.top_window(button="Không", timeout=60)  # "Đã ký số: … Mở tệp này?"
        self.assertIsNotNone(box, "no result box after signing")
        self.press(box, "Không")
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertTrue(os.path.exists(signed))

        pdf, _ = self.open_visible(signed)
        results = self.start_interactive(pdf, "Verify")
        report = self.top_window(("Kết quả kiểm tra chữ ký số", "Signature verification"), 60)
        self.assertIsNotNone(report, "the verification report did not open")
        time.sleep(1)
        self.shoot("verification-report.png")
        self.press(report, "OK")
        self.assertTrue(wait_for(lambda: results, 30), "Verify did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertIn("Nguyễn Thanh Bình", results[0]["Report"])
        self.assertIn("1/1", results[0]["Report"])
        self.assertNotIn("KHÔNG HỢP LỆ", results[0]["Report"])
        self.assertEqual(results[0]["Verdict"], "valid")

        # The same file when the signer's CA is not among the trust anchors in Cài đặt: intact,
        # signer not confirmed (never the tampered file's "KHÔNG HỢP LỆ"), and what to do.
        stranger = os.path.join(folder, "stranger.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                        os.path.join(folder, "stranger.key"), "-out", stranger, "-days", "1", "-subj",
                        "/CN=Stranger CA"], check=True, capture_output=True)
        self.office.set_settings(Verify__TrustAnchors=[stranger])
        try:
            results = self.start_interactive(pdf, "Verify")
            report = self.top_window(("Kết quả kiểm tra chữ ký số", "Signature verification"), 60)
            self.assertIsNotNone(report, "the verification report did not open")
            time.sleep(1)
            self.shoot("verification-report-untrusted.png")
            self.press(report, "OK")
            self.assertTrue(wait_for(lambda: results, 30), "Verify did not return")
            self.assertEqual(results[0]["Verdict"], "untrusted", results[0]["Report"])
            self.assertIn("TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ", results[0]["Report"])
            self.assertIn("thêm chứng thư CA phát hành", results[0]["Report"])
            self.assertNotIn("KHÔNG HỢP LỆ", results[0]["Report"])
        finally:
            self.office.set_settings(Verify__TrustAnchors=[self.root_ca])

    def test_first_use_keeps_the_chosen_token(self):
        """First use (issue 14): no token in the settings and no module named, so the chooser
        lists the tokens p11-kit's modules show (SoftHSM2 registers itself with p11-kit); after
        the signing the choice is in the settings, and a signing without any token argument
        uses it."""
        no_token = dict(Token__PKCS11Module="", Token__TokenLabel="", Token__OfficialCertLabel="")
        self.office.set_settings(**no_token)
        self.addCleanup(self.office.set_settings, **no_token)
        folder = tempfile.mkdtemp(dir=self.work)
        draft = shutil.copy(self.pdf, folder)
        doc, frame = self.open_visible(draft)
        image = url(os.path.join(self.images, "chu-ky.png"))
        results = self.start_interactive(doc, "SignOfficial", SignatureImageURL=image,
                                         OutputURL=url(os.path.join(folder, "lan-dau.pdf")))
        self.finish_signing()  # the first personal certificate is preselected
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])
        self.assertTrue(any("Đã lưu vào Cài đặt" in w for w in results[0]["Warnings"]), results[0]["Warnings"])
        token = self.office.config("/vn.kyso.Settings/Token")
        self.assertIn(token.TokenLabel, ("kyso-test", "kyso-pin"))
        self.assertTrue(token.OfficialCertLabel)
        again = self.office.dispatch(doc, "SignOfficial", Interactive=False, PIN=self.pin, SignatureImageURL=image,
                                     OutputURL=url(os.path.join(folder, "lan-hai.pdf")))
        self.assertTrue(again.ok, again)

    def test_issuance_dialog(self):
        doc, frame = self.open_visible(self.pdf)
        self.run_modal(doc, "Issue", ("Phát hành văn bản", "Issue the document"), "issuance-dialog.png",
                       SealImageURL=url(os.path.join(self.images, "con-dau.png")), Symbol="QĐ-UBND")
        self.assertFalse(os.path.exists(os.path.join(self.work, "quyet-dinh-ban-hanh.pdf")))

    def test_preview_before_the_pin(self):
        """Issue 16.3: Ký số shows the page with the signature image where it will go before any
        token is opened; Huỷ ends the command with nothing written and no certificate chooser.
        Phát hành shows the seal with the number the dialog proposed; Ký goes on to the PIN."""
        folder = tempfile.mkdtemp(dir=self.work)
        draft = shutil.copy(self.pdf, folder)
        signed = os.path.join(folder, "quyet-dinh-da-ky.pdf")
        doc, frame = self.open_visible(draft)
        args = dict(PKCS11Module=self.module, TokenLabel="kyso-test", CertLabel="binh", OutputURL=url(signed),
                    SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        results = self.start_interactive(doc, "SignOfficial", **args)
        window, caption = self.preview()
        self.assertIn("Trang 1 sau khi ký: ảnh chữ ký đặt giữa chức vụ và họ tên người ký.", caption)
        time.sleep(1)
        self.shoot("signing-preview.png")
        self.cancel_with_huy(window, results)
        self.assertIsNone(self.top_window(("Chọn chứng thư số", "Choose a certificate"), 2),
                          "the token was opened after Huỷ")
        self.assertEqual([n for n in os.listdir(folder) if not n.startswith(".~lock.")], [os.path.basename(draft)],
                         "Huỷ left a file")

        results = self.start_interactive(doc, "SignOfficial", **args)
        self.finish_signing()
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        self.assertTrue(results[0].ok, results[0])

        pdf, _ = self.open_visible(signed)
        issued = os.path.join(folder, "quyet-dinh-ban-hanh.pdf")
        results = self.start_interactive(pdf, "Issue", PKCS11Module=self.module, TokenLabel="kyso-test",
                                         CertLabel="ubnd", OutputURL=url(issued), Symbol="QĐ-UBND",
                                         SealImageURL=url(os.path.join(self.images, "con-dau.png")),
                                         SealDiameterMM=36.0)
        self.press_issue_in_dialog()
        window, caption = self.preview()
        self.assertRegex(caption, r"^Trang 1 sau khi ký: số \d\d, ngày ban hành và con dấu chồng lên chữ ký\.")
        time.sleep(1)
        self.shoot("issuance-preview.png")
        self.cancel_with_huy(window, results)
        self.assertFalse(os.path.exists(issued))

    def test_preview_of_a_decision_signed_on_page_2_shows_its_number_on_page_1(self):
        """Issue 16.3: when the seal goes on the signer block's page 2, the preview also shows
        page 1 with the number and date, side by side in page order; before, only page 2 was
        shown and the văn thư never saw the number before the PIN."""
        folder = tempfile.mkdtemp(dir=self.work)
        signed = os.path.join(folder, "quyet-dinh-2-trang-da-ky.pdf")
        doc = self.office.open(os.path.join(SOURCE, "tests/demo/src/quyet-dinh-2-trang.fodt"))
        result = self.office.dispatch(doc, "SignOfficial", Interactive=False, PKCS11Module=self.module,
                                      TokenLabel="kyso-test", CertLabel="binh", PIN=self.pin, OutputURL=url(signed),
                                      SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        doc.close(True)
        self.assertTrue(result.ok, result)
        pdf, _ = self.open_visible(signed)
        issued = os.path.join(folder, "quyet-dinh-2-trang-ban-hanh.pdf")
        results = self.start_interactive(pdf, "Issue", **self.issue_args(issued, []))
        self.press_issue_in_dialog()
        window, caption = self.preview()
        self.assertRegex(caption, r"^Trang 1 và 2 sau khi ký: số \d\d, ngày ban hành và con dấu chồng lên chữ ký\.")
        self.assertTrue(wait_for(lambda: len(accessibles(window, ICON)) == 2, 10), "not two pictures")
        names = accessible_names(window)
        self.assertIn("Trang 1: số và ngày", names)
        self.assertIn("Trang 2: con dấu chồng lên chữ ký", names)
        time.sleep(1)
        self.shoot("issuance-preview-two-pages.png")
        self.cancel_with_huy(window, results)
        self.assertFalse(os.path.exists(issued))

    def test_certificate_chooser(self):
        doc, frame = self.open_visible(self.pdf)
        self.run_modal(doc, "SignOfficial", ("Chọn chứng thư số", "Choose a certificate"), "certificate-chooser.png",
                       after_preview=True, PKCS11Module=self.module, SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        self.assertFalse(os.path.exists(os.path.join(self.work, "quyet-dinh-da-ky.pdf")))


if __name__ == "__main__":
    run_tests()
