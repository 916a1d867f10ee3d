#!/usr/bin/python3
"""The same workflow through the LibreOffice extension, as the three users would click it, in a
headless LibreOffice: kyso.oxt installed into a throwaway profile, the demo decision opened in
Writer, vn.kyso:SignOfficial (export + the official's signature), the signed PDF opened in
LibreOffice and vn.kyso:Issue (number from the outgoing register, today's date, the seal),
vn.kyso:Verify and vn.kyso:OpenRegister. Every command runs with Interactive=false: what a
dialog would ask comes from the settings and the dispatch arguments.

Run by scripts/demo.sh (with the demo token's variables in the environment):
  /usr/bin/python3 scripts/demo-extension.py OXT DEMO_DIR
"""
import os
import sys

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "lo"))
from lo_harness import Office, bookmark_free_copy, path, url  # noqa: E402


def step(title):
    print("== " + title, flush=True)


def require_ok(result, what):
    if not result.ok:
        sys.exit(f"demo-extension: {what} failed: {result['MessageVi']} / {result['MessageEn']}")
    for warning in result["Warnings"] or ():
        print("   ! " + warning)
    return result


def main():
    oxt, demo = sys.argv[1], os.path.abspath(sys.argv[2])
    work = os.path.join(demo, "libreoffice")
    os.makedirs(work, exist_ok=True)
    env = os.environ
    root_ca = os.path.join(env["KYSO_TEST_PKI_DIR"], "root-ca.pem")
    office = Office(work, env={"SOFTHSM2_CONF": env["SOFTHSM2_CONF"]})
    try:
        step("7. LibreOffice: cài kyso.oxt / install the extension (throwaway profile)")
        office.install(oxt)
        # Vietnamese messages and reports, as on a Vietnamese LibreOffice.
        linguistic = office.config("/org.openoffice.Office.Linguistic/General", update=True)
        linguistic.setPropertyValue("UILocale", "vi")
        linguistic.commitChanges()
        office.set_settings(Token__PKCS11Module=env["KYSO_TEST_PKCS11_MODULE"],
                            Token__TokenLabel=env["KYSO_TEST_TOKEN_LABEL"],
                            Token__OfficialCertLabel="binh", Token__OrganisationCertLabel="ubnd",
                            Organisation__Symbol="QĐ-UBND",
                            Images__SignatureImage=url(os.path.join(demo, "chu-ky.png")),
                            Images__SealImage=url(os.path.join(demo, "con-dau.png")),
                            Verify__TrustAnchors=[root_ca],
                            Register__Location=url(os.path.join(work, "so-van-ban-di.sqlite")))

        # The drafter's document as Writer holds it: no kyso bookmarks, the places are found.
        source = bookmark_free_copy(os.path.join(ROOT, "tests", "demo", "src", "quyet-dinh.fodt"), work)
        draft = office.open(source)
        odt = office.store(draft, os.path.join(work, "quyet-dinh.odt"), "writer8")
        draft.close(True)
        doc = office.open(odt)

        step("8. Ký số (vn.kyso:SignOfficial) trong Writer / the official signs from Writer")
        pin = env["KYSO_TEST_USER_PIN"]  # the demo token's PIN; the dialog asks it in real use
        signed = require_ok(office.dispatch(doc, "SignOfficial", Interactive=False, PIN=pin), "SignOfficial")
        print("   " + signed["MessageVi"].replace("\n", "\n   "))
        doc.close(True)

        step("9. Phát hành (vn.kyso:Issue) trên tệp PDF đã ký / the văn thư issues the signed PDF")
        pdf = office.open(path(signed["OutputURL"]), read_only=True)
        issued = require_ok(office.dispatch(pdf, "Issue", Interactive=False, PIN=pin), "Issue")
        print("   " + issued["MessageVi"].replace("\n", "\n   "))
        pdf.close(True)

        step("10. Kiểm tra chữ ký (vn.kyso:Verify) / verify")
        opened = office.open(path(issued["OutputURL"]))
        verdict = require_ok(office.dispatch(opened, "Verify", Interactive=False), "Verify")
        print("   " + verdict["Report"].strip().replace("\n", "\n   "))
        if not verdict["AllValid"]:
            sys.exit("demo-extension: a signature is not valid")

        step("11. Sổ văn bản đi (vn.kyso:OpenRegister) / the outgoing register in Calc")
        register = require_ok(office.dispatch(opened, "OpenRegister", Interactive=False,
                                              OutputURL=url(os.path.join(demo, "so-van-ban-di.ods"))),
                              "OpenRegister")
        print("   " + register["MessageVi"].replace("\n", "\n   "))
        opened.close(True)
        print()
        print("Qua LibreOffice / through LibreOffice: " + path(issued["OutputURL"]))
    finally:
        office.close()


if __name__ == "__main__":
    main()
