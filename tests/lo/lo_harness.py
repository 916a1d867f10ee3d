"""Headless LibreOffice for kyso's extension tests (run with /usr/bin/python3, which has `uno`).

One soffice per test file: started with a throwaway profile (-env:UserInstallation), reached
through a named pipe, the .oxt installed through the ExtensionManager API (unopkg refuses to run
as root without --shared; the API of a running office has no such rule), then soffice started
again on that profile (see Office.install), and killed at the end.
Commands go through the frame's dispatch with Interactive=false, and the result comes back
through an XDispatchResultListener.

Environment (set by tests/CMakeLists.txt): KYSO_OXT, KYSO_UNO_RDB, KYSO_SOURCE, KYSO_BUILD.
KYSO_LO_LIVE_INSTALL=1 skips the restart after the installation: kyso then runs the way it does
right after a user installs it into a running office (in a uno.bin process; see Office.install).
"""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.frame import XDispatchResultListener
from com.sun.star.task import XInteractionApprove, XInteractionHandler
from com.sun.star.ucb import XCommandEnvironment

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
SOURCE = os.environ.get("KYSO_SOURCE", os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))
SUCCESS, FAILURE, DONTKNOW = 1, 0, 2  # css.frame.DispatchResultState


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def props(**values):
    return tuple(prop(k, v) for k, v in values.items())


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def path(file_url):
    return uno.fileUrlToSystemPath(file_url)


def sha256(file_path):
    with open(file_path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def require(*tools):
    """Skips the calling test class when a tool is missing (with the reason)."""
    missing = [t for t in tools if not (os.path.isabs(t) and os.path.exists(t)) and not shutil.which(t)]
    if missing:
        raise unittest.SkipTest("missing: " + ", ".join(missing))


def bookmark_free_copy(fodt, out_dir):
    """The demo draft without kyso's bookmarks: the extension must find the places itself."""
    with open(fodt, encoding="utf-8") as f:
        text = re.sub(r"<text:bookmark(-start|-end)? [^>]*/>", "", f.read())
    out = os.path.join(out_dir, os.path.basename(fodt))
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return out


class _Listener(unohelper.Base, XDispatchResultListener):
    def __init__(self):
        self.event = None

    def dispatchFinished(self, event):
        self.event = event

    def disposing(self, source):
        pass


class _Approver(unohelper.Base, XInteractionHandler):
    """Says yes to the ExtensionManager's questions ("install for this user?"); without a
    handler the installation is aborted."""

    def handle(self, request):
        for continuation in request.getContinuations():
            if continuation.queryInterface(uno.getTypeByName("com.sun.star.task.XInteractionApprove")):
                continuation.select()
                return


class _CommandEnv(unohelper.Base, XCommandEnvironment):
    def getInteractionHandler(self):
        return _Approver()

    def getProgressHandler(self):
        return None


class Result:
    """A command's reply: State plus the PropertyValues the extension returns."""

    def __init__(self, event):
        self.state = event.State if event else None
        self.values = {}
        if event is not None and event.Result:
            self.values = {p.Name: p.Value for p in event.Result}

    def __getitem__(self, name):
        return self.values.get(name)

    @property
    def ok(self):
        return self.state == SUCCESS and self.values.get("Success")

    def __repr__(self):
        return f"Result(state={self.state}, code={self['Code']!r}, message={self['MessageEn']!r})"


class Office:
    """A soffice process with a throwaway profile, and a UNO connection to it."""

    def __init__(self, work_dir, env=None, display=None, lifetime=600, headless=True):
        self.work = work_dir
        self.profile = os.path.join(work_dir, "profile")
        self.environment = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        self.environment.update(env or {})
        if display:
            self.environment["DISPLAY"] = display
            self.environment.setdefault("SAL_USE_VCLPLUGIN", "gen")  # plain X11: nothing else runs under Xvfb
        self.lifetime, self.headless, self.starts = lifetime, headless, 0
        self._start()

    def _start(self):
        self.starts += 1
        self.pipe = "kyso_test_%d_%d_%d" % (os.getpid(), int(time.time() * 1000) % 100000, self.starts)
        self.log = open(os.path.join(self.work, "soffice.log"), "ab")
        args = ["timeout", "-k", "5", str(self.lifetime), SOFFICE, "-env:UserInstallation=" + url(self.profile),
                "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe]
        if self.headless:
            args[5:5] = ["--headless", "--invisible"]
        # Own process group: the whole soffice tree is ended at close.
        self.process = subprocess.Popen(args, env=self.environment, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.ctx = self._connect()
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def _connect(self, timeout=90):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + timeout
        while True:
            try:
                return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
            except Exception:
                if self.process.poll() is not None or time.time() > deadline:
                    raise RuntimeError("soffice did not start; see " + self.log.name)
                time.sleep(0.5)

    def install(self, oxt, restart=True):
        """Installs the extension into the profile (user scope) through the ExtensionManager,
        then starts soffice again on the profile (unless restart=False or KYSO_LO_LIVE_INSTALL=1).

        Installed into a running office, an extension's native code does not run in soffice:
        LibreOffice loads it in a uno.bin process of its own and inserts the factories from there
        (dp_component.cxx, raise_uno_process) until the next start, so every call between kyso
        and the office crosses a URP bridge. Users run kyso inside soffice (after that restart, or
        installed before the start), and so do the tests; with it out of process the tests used
        to hang now and then (see ProtocolHandler in src/uno/dispatch.hpp)."""
        manager = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        manager.addExtension(url(oxt), (), "user", manager.createAbortChannel(), _CommandEnv())
        self._deployed()
        if restart and os.environ.get("KYSO_LO_LIVE_INSTALL") != "1":
            self.restart()
        return self._deployed()

    def _deployed(self):
        manager = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        for ext in manager.getDeployedExtensions("user", manager.createAbortChannel(), _CommandEnv()):
            if ext and ext.getIdentifier().Value == "vn.kyso.extension":
                return ext
        raise AssertionError("kyso.oxt did not deploy")

    def restart(self):
        """Ends soffice and starts it again on the same profile (a new connection)."""
        self.close()
        self._start()

    @staticmethod
    def load_types(rdb):
        """A remote client must know kyso's own types before it touches them, or the bridge
        drops the connection: insert kyso.rdb into this process's type manager."""
        local = uno.getComponentContext()
        manager = local.getValueByName("/singletons/com.sun.star.reflection.theTypeDescriptionManager")
        manager.insert(url(rdb))

    def open(self, file_path, hidden=True, read_only=False):
        doc = self.desktop.loadComponentFromURL(url(file_path), "_blank", 0,
                                                props(Hidden=hidden, ReadOnly=read_only))
        if doc is None:
            raise AssertionError("LibreOffice could not open " + file_path)
        return doc

    def new_writer(self, text):
        doc = self.desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, props(Hidden=True))
        doc.Text.setString(text)
        return doc

    def store(self, doc, file_path, filter_name):
        doc.storeToURL(url(file_path), props(FilterName=filter_name))
        return file_path

    def dispatch(self, doc, command, **args):
        """Dispatches vn.kyso:COMMAND on the document's frame; returns its Result."""
        frame = doc.getCurrentController().getFrame()
        target = uno.createUnoStruct("com.sun.star.util.URL")
        target.Complete = "vn.kyso:" + command
        dispatcher = frame.queryDispatch(target, "_self", 0)
        if dispatcher is None:
            raise AssertionError("no dispatch for vn.kyso:" + command)
        listener = _Listener()
        dispatcher.dispatchWithNotification(target, props(**args), listener)
        return Result(listener.event)

    def query_dispatch(self, doc, complete_url):
        frame = doc.getCurrentController().getFrame()
        target = uno.createUnoStruct("com.sun.star.util.URL")
        target.Complete = complete_url
        return frame.queryDispatch(target, "_self", 0)

    def config(self, nodepath, update=False):
        provider = self.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        service = "com.sun.star.configuration.Configuration" + ("UpdateAccess" if update else "Access")
        arg = uno.createUnoStruct("com.sun.star.beans.NamedValue")
        arg.Name, arg.Value = "nodepath", nodepath
        return provider.createInstanceWithArguments(service, (arg,))

    def set_settings(self, **values):
        """Writes kyso's settings (path "Group/Name" with / written as __)."""
        node = self.config("/vn.kyso.Settings", update=True)
        for key, value in values.items():
            name = key.replace("__", "/")
            if isinstance(value, (list, tuple)):
                value = uno.Any("[]string", tuple(value))
                uno.invoke(node, "setHierarchicalPropertyValue", (name, value))
            else:
                node.setHierarchicalPropertyValue(name, value)
        node.commitChanges()

    def alive(self):
        """LibreOffice still answers (after a failed command)."""
        return self.desktop.getComponents() is not None

    def close(self):
        try:
            for component in list(self._components()):
                try:
                    component.close(True)
                except Exception:
                    pass
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()

    def _components(self):
        enum = self.desktop.getComponents().createEnumeration()
        while enum.hasMoreElements():
            yield enum.nextElement()


def read_env(file_path):
    """KEY=VALUE lines of `file_path` (e.g. $KYSO_TEST_CONFIG: where kyso and its tools are)."""
    values = {}
    if file_path and os.path.exists(file_path):
        with open(file_path, encoding="utf-8") as f:
            for line in f:
                if "=" in line and not line.lstrip().startswith("#"):
                    key, value = line.strip().split("=", 1)
                    values[key] = value
    return values


def qpdf_json(pdf):
    """The PDF's objects through qpdf --json (used for destinations, fields and rectangles)."""
    import json
    out = subprocess.run(["qpdf", "--json", pdf], capture_output=True, check=True).stdout
    return json.loads(out)


def named_destinations(pdf):
    """Names in the catalogue's /Dests (or /Names /Dests) of `pdf`."""
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
    return set(m.decode() for m in re.findall(rb"/(kyso[A-Za-z]+) \[", qdf)) | \
        set(m.decode() for m in re.findall(rb"\((kyso[A-Za-z]+)\)", qdf))


def run_tests():
    """unittest main with a closing 'N passed, N failed, N skipped' line."""
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    failed = len({id(test) for test, _ in result.failures + result.errors})
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if result.testsRun and skipped == result.testsRun:
        sys.exit(77)  # all skipped: CTest's SKIP_RETURN_CODE
    sys.exit(1 if failed else 0)
