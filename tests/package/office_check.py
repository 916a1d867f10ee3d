"""Runs inside the clean root (tests/package/clean-root.sh), with the root's /usr/bin/python3.

    office_check.py works ADDONS.xcu KYSO.rdb      the installed extension: every vn.kyso: command
                                                   of the toolbar has a dispatch, vn.kyso.Kyso is created
    office_check.py explains ADDONS.xcu            the .oxt without kyso's libraries: each command
                                                   answers with what to install (Vietnamese and English),
                                                   and so does the Extension Manager's description;
                                                   with DISPLAY set (Xvfb), a click's message box too,
                                                   with a screenshot in KYSO_SCREENSHOT (needs PIL)

A headless soffice with a fresh profile, reached through a named pipe, ended at the close.
Prints one line per check; exits 1 at the first that fails.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import threading

import uno
import unohelper
from com.sun.star.awt import XCallback
from com.sun.star.beans import PropertyValue
from com.sun.star.frame import XDispatchResultListener

PUSH_BUTTON = uno.getConstantByName("com.sun.star.accessibility.AccessibleRole.PUSH_BUTTON")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def ok(message):
    print("ok: " + message, flush=True)


class Listener(unohelper.Base, XDispatchResultListener):
    def __init__(self):
        self.result = None

    def dispatchFinished(self, event):
        self.result = {p.Name: p.Value for p in (event.Result or ())}

    def disposing(self, source):
        pass


def commands(addons_xcu):
    with open(addons_xcu, encoding="utf-8") as f:
        found = sorted(set(re.findall(r"vn\.kyso:[A-Za-z]+", f.read())))
    if not found:
        fail("no vn.kyso: command in " + addons_xcu)
    return found


def start_office(work, visible):
    pipe = "kyso_root_%d" % os.getpid()
    log = open(os.path.join(work, "soffice.log"), "wb")
    args = ["soffice", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile")),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe]
    if not visible:
        args[1:1] = ["--headless", "--invisible"]
    env = dict(os.environ)
    if visible:
        env["SAL_USE_VCLPLUGIN"] = "gen"  # plain X11: nothing else runs under Xvfb
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return process, resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if process.poll() is not None or time.time() > deadline:
                with open(log.name, errors="replace") as f:
                    fail("soffice did not start: " + f.read()[-2000:])
            time.sleep(0.5)


def writer_frame(ctx, visible):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", not visible),))
    if doc is None:
        fail("LibreOffice could not open a new Writer document")
    return doc.getCurrentController().getFrame()


def run(ctx, frame, command):
    target = uno.createUnoStruct("com.sun.star.util.URL")
    target.Complete = command
    dispatch = frame.queryDispatch(target, "_self", 0)
    if dispatch is None:
        fail("no dispatch for " + command + " (the extension is not registered or did not load)")
    return dispatch, target


def check_works(ctx, frame, addons, rdb):
    for command in commands(addons):
        run(ctx, frame, command)
        ok("dispatch for " + command)
    # Verify on the new, unsaved document: the real component answers with its own message.
    dispatch, target = run(ctx, frame, "vn.kyso:Verify")
    listener = Listener()
    dispatch.dispatchWithNotification(target, (prop("Interactive", False),), listener)
    if listener.result is None or listener.result.get("Code") == "LibrariesMissing":
        fail("vn.kyso:Verify did not reach the real component: %r" % (listener.result,))
    ok("vn.kyso:Verify answered by the real component (Code=%s)" % listener.result.get("Code"))
    local = uno.getComponentContext()
    local.getValueByName("/singletons/com.sun.star.reflection.theTypeDescriptionManager").insert(
        uno.systemPathToFileUrl(rdb))
    service = ctx.ServiceManager.createInstanceWithContext("vn.kyso.Kyso", ctx)
    if service is None:
        fail("vn.kyso.Kyso could not be created")
    ok("vn.kyso.Kyso created (%s)" % service.getImplementationName())


class Callback(unohelper.Base, XCallback):
    def __init__(self, job):
        self.job = job

    def notify(self, data):
        self.job()


def wait_for(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return None


def contexts(window):
    """Every accessible context under `window`, the window's own first."""
    stack = [window.getAccessibleContext()]
    while stack:
        context = stack.pop()
        if context is None:
            continue
        yield context
        for i in range(context.getAccessibleChildCount()):
            child = context.getAccessibleChild(i)
            if child is not None:
                stack.append(child.getAccessibleContext())


def texts(window):
    """Every accessible name and text under `window`."""
    found = []
    for context in contexts(window):
        found.append(context.getAccessibleName())
        if hasattr(context, "getText"):
            try:
                found.append(context.getText())
            except Exception:
                pass
    return found


def button(window, label):
    return next((c for c in contexts(window)
                 if c.getAccessibleRole() == PUSH_BUTTON and c.getAccessibleName() == label), None)


def check_box(ctx, frame):
    """A click on a kyso button: dispatched on LibreOffice's main thread (from an AsyncCallback,
    as a toolbar click is), it must open a message box that says what to install."""
    dispatch, target = run(ctx, frame, "vn.kyso:SignOfficial")
    listener = Listener()
    callback = Callback(lambda: dispatch.dispatchWithNotification(target, (), listener))
    poster = threading.Thread(target=lambda: ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.awt.AsyncCallback", ctx).addCallback(callback, None), daemon=True)
    poster.start()
    toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)

    def message_box():
        for i in range(toolkit.getTopWindowCount()):
            window = toolkit.getTopWindow(i)
            try:
                if window.getAccessibleContext().getAccessibleName() == "kyso" and button(window, "OK"):
                    return window
            except Exception:
                pass
        return None
    box = wait_for(message_box, 60)
    if box is None:
        fail("a click on Ký số opened no message box")
    text = "\n".join(t for t in texts(box) if t)
    if "sudo apt install" not in text or "thiếu thư viện" not in text or "lacks libraries" not in text:
        fail("the message box does not say what to install: %r" % text)
    ok("a click on Ký số shows a message box that says what to install")
    shot = os.environ.get("KYSO_SCREENSHOT")
    if shot:
        time.sleep(1)
        from PIL import ImageGrab
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(shot)
        ok("screenshot " + shot)
    button(box, "OK").doAccessibleAction(0)
    if not wait_for(lambda: listener.result, 30) or listener.result.get("Code") != "LibrariesMissing":
        fail("the click's dispatch did not finish with LibrariesMissing: %r" % (listener.result,))
    ok("the message box closed with OK, the command ended with Code=LibrariesMissing")
    poster.join(30)


def check_explains(ctx, frame, addons):
    for command in commands(addons):
        dispatch, target = run(ctx, frame, command)
        listener = Listener()
        dispatch.dispatchWithNotification(target, (prop("Interactive", False),), listener)
        result = listener.result or {}
        vi, en = result.get("MessageVi", ""), result.get("MessageEn", "")
        if result.get("Code") != "LibrariesMissing" or "sudo apt install" not in vi or "thiếu thư viện" not in vi \
                or "lacks libraries" not in en:
            fail("%s did not explain what is missing: %r" % (command, result))
        ok("%s explains: %s" % (command, en.splitlines()[0]))
    print(vi, flush=True)
    # The Extension Manager's description names what the .oxt needs and the package to install.
    manager = ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
    kyso = [p for p in manager.getDeployedExtensions("shared", None, None)
            if p is not None and p.getIdentifier().Value == "vn.kyso.extension"]
    if not kyso:
        fail("the Extension Manager does not list vn.kyso.extension")
    description = kyso[0].getDescription()
    if "sudo apt install ./kyso_" not in description or "libpodofo0.9.8" not in description:
        fail("the Extension Manager's description does not say what to install: %r" % description)
    ok("the Extension Manager's description: " + description.splitlines()[-1])
    try:
        ctx.ServiceManager.createInstanceWithContext("vn.kyso.Kyso", ctx)
        fail("vn.kyso.Kyso was created without its libraries")
    except Exception as e:
        if "sudo apt install" not in str(e):
            fail("creating vn.kyso.Kyso failed without the explanation: %s" % e)
        ok("creating vn.kyso.Kyso fails with the explanation")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("works", "explains"):
        print(__doc__)
        sys.exit(2)
    work = tempfile.mkdtemp(prefix="kyso-office-")
    visible = sys.argv[1] == "explains" and bool(os.environ.get("DISPLAY"))
    process, ctx = start_office(work, visible)
    code = 1
    try:
        frame = writer_frame(ctx, visible)
        if visible:
            frame.getContainerWindow().setPosSize(0, 0, 1024, 700, 15)
        if sys.argv[1] == "works":
            check_works(ctx, frame, sys.argv[2], sys.argv[3])
        else:
            check_explains(ctx, frame, sys.argv[2])
            if visible:
                check_box(ctx, frame)
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except Exception:
        traceback.print_exc()
        print("FAIL: an exception stopped the checks", flush=True)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        # No interpreter shutdown: tearing down the UNO bridge to a killed office can abort
        # the process ("terminate called without an active exception") after every check passed.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


main()
