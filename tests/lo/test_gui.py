#!/usr/bin/python3
"""LibreOffice with a window, under Xvfb: the kyso toolbar is docked in Writer and in Draw
(checked through the frame's LayoutManager, and shown in a screenshot), and the issuance dialog
opens from the toolbar's command (screenshot, then closed; nothing written).

Screenshots go to $KYSO_SCREENSHOT_DIR (default: the test's temporary folder, kept when set).
Needs Xvfb and a LibreOffice with its X11 plugin (libreoffice-core, not libreoffice-core-nogui)."""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import unohelper  # noqa: E402
from com.sun.star.awt import XCallback  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lo_harness import SOURCE, DONTKNOW, Office, bookmark_free_copy, require, run_tests, url  # noqa: E402

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


class _Callback(unohelper.Base, XCallback):
    def __init__(self, job):
        self.job = job

    def notify(self, data):
        self.job()


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
        cls.images = os.path.join(cls.work, "images")
        os.makedirs(cls.images)
        subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "scripts/make-demo-images.py"), cls.images],
                       check=True)
        office_env = {"SOFTHSM2_CONF": env["SOFTHSM2_CONF"]}
        # Install, and set the UI language to Vietnamese for the extension's own texts; then
        # start again: add-on toolbars are read when a window opens.
        office = Office(cls.work, env=office_env, display=cls.display, headless=False)
        office.install(cls.oxt, restart=False)  # started again below anyway
        node = office.config("/org.openoffice.Office.Linguistic/General", update=True)
        node.setPropertyValue("UILocale", "vi")
        node.commitChanges()
        office.close()
        cls.office = Office(cls.work, env=office_env, display=cls.display, headless=False)
        # The issuance dialog's number comes from the outgoing register: a throwaway one.
        cls.office.set_settings(Register__Location=url(os.path.join(cls.work, "register.sqlite")))
        plain = os.path.join(cls.work, "plain")
        os.makedirs(plain)
        doc = cls.office.open(bookmark_free_copy(os.path.join(SOURCE, "tests/demo/src/quyet-dinh.fodt"), plain))
        cls.odt = cls.office.store(doc, os.path.join(cls.work, "quyet-dinh.odt"), "writer8")
        cls.pdf = os.path.join(cls.work, "quyet-dinh-du-thao.pdf")
        result = cls.office.dispatch(doc, "ExportDraft", Interactive=False, OutputURL=url(cls.pdf))
        assert result.ok, result
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

    def run_modal(self, doc, command, titles, screenshot, **args):
        """Dispatches an interactive command, waits for its dialog, takes the screenshot and
        cancels the dialog; returns the command's result."""
        results = []
        # Dialogs need LibreOffice's main thread (a toolbar click runs there): dispatch from an
        # AsyncCallback, whose nested calls the bridge runs on the main thread.
        callback = _Callback(lambda: results.append(self.office.dispatch(doc, command, Interactive=True, **args)))
        worker = threading.Thread(target=lambda: self.office.smgr.createInstanceWithContext(
            "com.sun.star.awt.AsyncCallback", self.office.ctx).addCallback(callback, None))
        worker.start()
        toolkit = self.office.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.office.ctx)

        def dialog():
            # Without a window manager nothing is "active": look through the top windows.
            for i in range(toolkit.getTopWindowCount()):
                window = toolkit.getTopWindow(i)
                try:
                    if window.getTitle() in titles:
                        return window
                except Exception:
                    pass
            return None
        window = wait_for(dialog, 30)
        self.assertIsNotNone(window, f"{command}: the dialog did not open")
        time.sleep(1.5)
        self.shoot(screenshot)
        window.endExecute()  # = Cancel: nothing is written
        self.assertTrue(wait_for(lambda: results, 30), "the command did not return")
        worker.join(5)
        self.assertEqual(results[0].state, DONTKNOW, results[0])
        self.assertEqual(results[0]["Code"], "Cancelled")
        return results[0]

    def test_issuance_dialog(self):
        doc, frame = self.open_visible(self.pdf)
        self.run_modal(doc, "Issue", ("Phát hành văn bản", "Issue the document"), "issuance-dialog.png",
                       SealImageURL=url(os.path.join(self.images, "con-dau.png")), Symbol="QĐ-UBND")
        self.assertFalse(os.path.exists(os.path.join(self.work, "quyet-dinh-ban-hanh.pdf")))

    def test_certificate_chooser(self):
        doc, frame = self.open_visible(self.pdf)
        self.run_modal(doc, "SignOfficial", ("Chọn chứng thư số", "Choose a certificate"), "certificate-chooser.png",
                       PKCS11Module=self.module, SignatureImageURL=url(os.path.join(self.images, "chu-ky.png")))
        self.assertFalse(os.path.exists(os.path.join(self.work, "quyet-dinh-da-ky.pdf")))


if __name__ == "__main__":
    run_tests()
