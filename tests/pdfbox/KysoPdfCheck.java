/*
 * KysoPdfCheck - independent PAdES signature checker for kyso's tests.
 *
 * Built on Apache PDFBox 2 (only to locate the signature dictionaries) and
 * BouncyCastle (CMS).  Byte ranges and digests are re-derived from the raw
 * file bytes instead of trusting PDFBox helpers, so this is a genuine second
 * opinion on what kyso writes.
 *
 * Usage:
 *   java -cp /usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:\
 *            /usr/share/java/commons-logging.jar:/usr/share/java/bcprov.jar:\
 *            /usr/share/java/bcutil.jar:/usr/share/java/bcpkix.jar:kyso-pdfcheck.jar \
 *        KysoPdfCheck FILE.pdf [--trust CA.pem ...] [--expect-count N]
 *
 * stdout: one line per signature (file order, i.e. by /Contents offset):
 *   sig <i> field=<name> subfilter=<..> signer="<CN>" covers_whole_file=<yes|no>
 *       byterange=<ok|BAD:r> digest=<ok|BAD> signature=<ok|BAD>
 *       chain=<ok|BAD:r|skipped> attrs=<ok|BAD:r[,r...]>
 * followed by
 *   revisions=<number of %%EOF markers>
 *   unsigned_tail_bytes=<bytes after the furthest signature coverage>
 *   RESULT: <n> signatures, <k> valid
 * Explanations for BAD results go to stderr as "  sig <i> note: ...".
 *
 * Exit status: 0 = n > 0, all checks ok (chain ok or skipped) and n equals
 * --expect-count if given; 1 = anything else, including unparsable PDF/CMS;
 * 2 = usage error or unreadable input / trust file.
 */

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Security;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;

public final class KysoPdfCheck {

    static final String PADES_SUBFILTER = "ETSI.CAdES.detached";
    static final String DOC_TIMESTAMP_SUBFILTER = "ETSI.RFC3161";
    static final String PPKLITE = "Adobe.PPKLite";

    /** Thrown for a failed check; the message is a short token (no spaces). */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        Bad(String reason) { super(reason); }
    }

    /** Everything we learn about one signature. */
    static final class Sig {
        String field = "?";
        PDSignature dict;
        String subfilter = "?";
        String signer = "?";
        long[] br;            // parsed /ByteRange (null if unparsable)
        boolean brInFile;     // both ranges lie inside the file
        boolean covers;
        String byterange = "BAD:unchecked";
        String digest = "BAD";
        String signature = "BAD";
        String chain = "skipped";
        String attrs = "BAD:unchecked";

        boolean ok() {
            return byterange.equals("ok") && digest.equals("ok") && signature.equals("ok")
                && (chain.equals("ok") || chain.equals("skipped")) && attrs.equals("ok");
        }
    }

    static int sigIndex;                     // for notes
    static DigestCalculatorProvider digests;

    static void note(String msg) {
        System.err.println("  sig " + sigIndex + " note: " + msg);
    }

    static void usage(String err) {
        if (err != null) System.err.println("kyso-pdfcheck: " + err);
        System.err.println("usage: KysoPdfCheck FILE.pdf [--trust CA.pem ...] [--expect-count N]");
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (Throwable t) {             // last resort: still a clear verdict
            System.out.println("error: internal: " + t);
            System.out.println("RESULT: 0 signatures, 0 valid");
            t.printStackTrace();
            rc = 1;
        }
        System.out.flush();
        System.exit(rc);
    }

    static int run(String[] args) throws Exception {
        String file = null;
        List<String> trustFiles = new ArrayList<>();
        Integer expect = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) { usage(null); return 0; }
            if (a.equals("--trust") || a.equals("--expect-count")) {
                if (i + 1 >= args.length) { usage(a + " needs a value"); return 2; }
                String v = args[++i];
                if (a.equals("--trust")) trustFiles.add(v);
                else {
                    try { expect = Integer.parseInt(v); }
                    catch (NumberFormatException e) { usage("bad --expect-count " + v); return 2; }
                }
            } else if (a.startsWith("--trust=")) {
                trustFiles.add(a.substring(8));
            } else if (a.startsWith("--expect-count=")) {
                try { expect = Integer.parseInt(a.substring(15)); }
                catch (NumberFormatException e) { usage("bad " + a); return 2; }
            } else if (a.startsWith("-") && a.length() > 1) {
                usage("unknown option " + a); return 2;
            } else if (file == null) {
                file = a;
            } else {
                usage("only one FILE allowed"); return 2;
            }
        }
        if (file == null) { usage("missing FILE"); return 2; }

        Security.addProvider(new BouncyCastleProvider());
        digests = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build();

        byte[] pdf;
        try {
            pdf = Files.readAllBytes(Paths.get(file));
        } catch (Exception e) {
            System.err.println("kyso-pdfcheck: cannot read " + file + ": " + e);
            return 2;
        }
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (String tf : trustFiles) {
            try {
                anchors.addAll(loadTrust(tf));
            } catch (Exception e) {
                System.err.println("kyso-pdfcheck: cannot load trust file " + tf + ": " + e);
                return 2;
            }
        }

        List<Sig> sigs = new ArrayList<>();
        boolean parseOk = true;
        try (PDDocument doc = PDDocument.load(pdf)) {
            for (PDSignatureField f : doc.getSignatureFields()) {
                PDSignature d = f.getSignature();
                if (d == null) continue;          // empty signature field
                Sig s = new Sig();
                s.field = f.getFullyQualifiedName();
                s.dict = d;
                sigs.add(s);
            }
        } catch (Exception e) {
            System.out.println("error: cannot parse PDF: " + e.getMessage());
            parseOk = false;
        }

        // File order: by /Contents offset (ByteRange[1]); unparsable ones last.
        for (Sig s : sigs) {
            try { s.br = parseByteRange(s.dict.getCOSObject()); } catch (Bad b) { s.br = null; }
        }
        sigs.sort((x, y) -> Long.compare(x.br == null ? Long.MAX_VALUE : x.br[1],
                                         y.br == null ? Long.MAX_VALUE : y.br[1]));

        int valid = 0;
        long furthest = 0;
        for (int i = 0; i < sigs.size(); i++) {
            sigIndex = i;
            Sig s = sigs.get(i);
            try {
                check(s, pdf, anchors);
            } catch (Throwable t) {
                note("unexpected " + t);
            }
            if (s.ok()) valid++;
            if (s.brInFile) furthest = Math.max(furthest, s.br[2] + s.br[3]);
            System.out.println("sig " + i + " field=" + token(s.field) + " subfilter=" + token(s.subfilter)
                + " signer=\"" + s.signer.replace("\"", "'") + "\""
                + " covers_whole_file=" + (s.covers ? "yes" : "no")
                + " byterange=" + s.byterange + " digest=" + s.digest + " signature=" + s.signature
                + " chain=" + s.chain + " attrs=" + s.attrs);
        }
        System.out.println("revisions=" + count(pdf, "%%EOF".getBytes(StandardCharsets.US_ASCII)));
        System.out.println("unsigned_tail_bytes=" + (pdf.length - furthest));
        System.out.println("RESULT: " + sigs.size() + " signatures, " + valid + " valid");
        if (expect != null && expect != sigs.size())
            System.err.println("kyso-pdfcheck: expected " + expect + " signatures, found " + sigs.size());

        boolean pass = parseOk && !sigs.isEmpty() && valid == sigs.size()
            && (expect == null || expect == sigs.size());
        return pass ? 0 : 1;
    }

    // ------------------------------------------------------------------ checks

    static void check(Sig s, byte[] pdf, Set<TrustAnchor> anchors) throws Exception {
        COSDictionary d = s.dict.getCOSObject();
        if (!anchors.isEmpty()) s.chain = "BAD:unchecked";   // until proven otherwise
        String filter = nameOrString(d.getDictionaryObject(COSName.FILTER));
        s.subfilter = nameOrString(d.getDictionaryObject(COSName.SUB_FILTER));

        // 1. ByteRange, judged on the raw file bytes.
        try {
            s.br = parseByteRange(d);
            checkByteRange(s.br, pdf, d);
            s.byterange = "ok";
        } catch (Bad b) {
            s.byterange = "BAD:" + b.getMessage();
        }
        if (s.br != null) {
            s.brInFile = s.br[0] >= 0 && s.br[1] >= 0 && s.br[2] >= 0 && s.br[3] >= 0
                && s.br[0] + s.br[1] <= pdf.length && s.br[2] + s.br[3] <= pdf.length;
            s.covers = s.brInFile && s.br[2] + s.br[3] == pdf.length;
        }

        // 2. The CMS blob: the /Contents string with its zero padding dropped.
        COSBase cb = d.getDictionaryObject(COSName.CONTENTS);
        if (!(cb instanceof COSString)) {
            note("/Contents missing or not a string");
            s.attrs = "BAD:no-contents";
            return;
        }
        CMSSignedData cms;
        try {
            cms = parseCms(((COSString) cb).getBytes());
        } catch (Exception e) {
            note("CMS unparsable: " + e);
            s.attrs = "BAD:cms-unparsable";
            return;
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) note(signers.size() + " SignerInfos (expected 1); checking the first");
        if (signers.isEmpty()) { s.attrs = "BAD:no-signerinfo"; return; }
        SignerInformation si = signers.iterator().next();

        @SuppressWarnings("unchecked")
        Selector<X509CertificateHolder> sel = (Selector<X509CertificateHolder>) (Selector<?>) si.getSID();
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(sel);
        X509CertificateHolder signerCert = matches.isEmpty() ? null : matches.iterator().next();
        if (signerCert == null) note("signer certificate not in the CMS");
        else s.signer = commonName(signerCert.getSubject());

        // 3. digest over the byte ranges vs. the signed messageDigest attribute.
        byte[] docDigest = null;
        if (s.brInFile) {
            docDigest = digest(si.getDigestAlgorithmID(), pdf, s.br);
        }
        AttributeTable sat = si.getSignedAttributes();
        byte[] md = null;
        if (sat != null) {
            ASN1Encodable v = singleValue(sat, CMSAttributes.messageDigest);
            if (v instanceof ASN1OctetString) md = ((ASN1OctetString) v).getOctets();
        }
        ASN1ObjectIdentifier eType = cms.getSignedContentTypeOID() == null ? null
            : new ASN1ObjectIdentifier(cms.getSignedContentTypeOID());
        byte[] eContent = cms.getSignedContent() == null ? null : (byte[]) cms.getSignedContent().getContent();
        if (docDigest == null) {
            note("byte ranges not inside the file; no digest computed");
        } else if (eContent != null && PKCSObjectIdentifiers.id_ct_TSTInfo.equals(eType)) {
            // Document timestamp (ETSI.RFC3161): the TSTInfo imprint covers the ranges.
            TSTInfo tst = TSTInfo.getInstance(ASN1Primitive.fromByteArray(eContent));
            byte[] want = digest(tst.getMessageImprint().getHashAlgorithm(), pdf, s.br);
            s.digest = Arrays.equals(want, tst.getMessageImprint().getHashedMessage()) ? "ok" : "BAD";
            if (!s.digest.equals("ok")) note("TSTInfo messageImprint does not match the byte ranges");
        } else if (md == null) {
            note("no messageDigest signed attribute");
        } else if (eContent != null) {
            note("CMS encapsulates content; not a detached signature");
        } else if (Arrays.equals(docDigest, md)) {
            s.digest = "ok";
        } else {
            note("messageDigest attribute does not match the " + si.getDigestAlgOID()
                 + " digest of the byte ranges");
        }

        // 4. cryptographic signature over the signed attributes.
        if (signerCert != null) {
            try {
                boolean ok;
                if (eContent != null) {
                    ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(signerCert));
                } else {
                    // Feed BC a precomputed "content digest": the signed messageDigest
                    // (so this check is the signature alone; step 3 compared the document),
                    // or, without signed attributes, the actual document digest.
                    byte[] h = md != null ? md : docDigest;
                    if (h == null) throw new Bad("no-digest");
                    Map<ASN1ObjectIdentifier, byte[]> hashes = new HashMap<>();
                    hashes.put(si.getDigestAlgorithmID().getAlgorithm(), h);
                    CMSSignedData detached = new CMSSignedData(hashes, cms.toASN1Structure());
                    SignerInformation si2 = detached.getSignerInfos().getSigners().iterator().next();
                    ok = si2.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(signerCert));
                }
                s.signature = ok ? "ok" : "BAD";
                if (!ok) note("SignerInfo signature does not verify");
            } catch (Exception e) {
                note("signature verification failed: " + e);
            }
        }

        // 5. chain
        if (!anchors.isEmpty()) {
            if (signerCert == null) s.chain = "BAD:no-signer-cert";
            else {
                try {
                    checkChain(cms, signerCert, anchors, s.dict.getSignDate());
                    s.chain = "ok";
                } catch (Bad b) {
                    s.chain = "BAD:" + b.getMessage();
                }
            }
        }

        // 6. PAdES baseline attributes; a document time-stamp (ETSI.RFC3161, PAdES B-LTA) is
        //    an RFC 3161 token instead: TSTInfo content, ESS signing certificate, a TSA.
        List<String> why = new ArrayList<>();
        if (!PPKLITE.equals(filter)) why.add("filter=" + token(filter));
        if (DOC_TIMESTAMP_SUBFILTER.equals(s.subfilter)) {
            checkTimestampAttrs(d, eType, sat, signerCert, why);
        } else {
            if (!PADES_SUBFILTER.equals(s.subfilter)) why.add("not-pades");
            if (eContent != null) why.add("not-detached");
            checkAttrs(si.toASN1Structure().getAuthenticatedAttributes(), sat, signerCert, why);
        }
        s.attrs = why.isEmpty() ? "ok" : "BAD:" + String.join(",", why);
    }

    static long[] parseByteRange(COSDictionary d) throws Bad {
        COSBase b = d.getDictionaryObject(COSName.BYTERANGE);
        if (b == null) throw new Bad("missing");
        if (!(b instanceof COSArray)) throw new Bad("not-an-array");
        COSArray a = (COSArray) b;
        if (a.size() != 4) throw new Bad("length=" + a.size());
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            COSBase e = a.getObject(i);
            if (!(e instanceof COSInteger)) throw new Bad("non-integer");
            r[i] = ((COSInteger) e).longValue();
        }
        return r;
    }

    static void checkByteRange(long[] r, byte[] pdf, COSDictionary d) throws Bad {
        for (long v : r) if (v < 0) throw new Bad("negative");
        if (r[0] != 0) throw new Bad("first-range-not-at-0");
        long gapStart = r[0] + r[1], gapEnd = r[2];      // [gapStart, gapEnd) must be <hex>
        if (gapEnd < gapStart + 2) throw new Bad("ranges-overlap");
        if (gapEnd + r[3] > pdf.length) throw new Bad("beyond-eof");
        if (pdf[(int) gapStart] != '<') throw new Bad("gap-does-not-start-with-<");
        if (pdf[(int) gapEnd - 1] != '>') throw new Bad("gap-does-not-end-with->");
        for (long p = gapStart + 1; p < gapEnd - 1; p++)
            if (Character.digit(pdf[(int) p], 16) < 0) throw new Bad("gap-not-a-single-hex-string@" + p);
        // The hex string must be the value of /Contents in this dictionary ...
        int k = (int) gapStart - 1;
        while (k >= 0 && isWhite(pdf[k])) k--;
        byte[] key = "/Contents".getBytes(StandardCharsets.US_ASCII);
        if (k + 1 < key.length
            || !Arrays.equals(Arrays.copyOfRange(pdf, k + 1 - key.length, k + 1), key))
            throw new Bad("gap-not-preceded-by-/Contents");
        // ... and decode to exactly the bytes PDFBox parsed for this dictionary.
        int hexLen = (int) (gapEnd - gapStart - 2);
        if (hexLen % 2 != 0) throw new Bad("odd-hex-length");
        COSBase c = d.getDictionaryObject(COSName.CONTENTS);
        if (!(c instanceof COSString)) throw new Bad("no-/Contents-string");
        byte[] parsed = ((COSString) c).getBytes();
        byte[] raw = new byte[hexLen / 2];
        for (int i = 0; i < raw.length; i++) {
            int p = (int) gapStart + 1 + 2 * i;
            raw[i] = (byte) (Character.digit(pdf[p], 16) << 4 | Character.digit(pdf[p + 1], 16));
        }
        if (!Arrays.equals(raw, parsed)) throw new Bad("gap-is-not-this-/Contents");
    }

    static CMSSignedData parseCms(byte[] contents) throws Exception {
        // /Contents is zero-padded; read exactly one (DER or BER) object.
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            ASN1Primitive p = in.readObject();
            if (p == null) throw new Bad("empty");
            int used = p.getEncoded().length;
            for (int i = used; i < contents.length; i++)
                if (contents[i] != 0) {
                    note("non-zero bytes after the CMS object in /Contents (offset " + i + ")");
                    break;
                }
            ContentInfo ci = ContentInfo.getInstance(p);
            if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType()))
                throw new Bad("contentType-not-signedData");
            return new CMSSignedData(ci);
        }
    }

    static void checkAttrs(ASN1Set raw, AttributeTable sat, X509CertificateHolder cert, List<String> why) {
        if (raw == null || sat == null) { why.add("no-signed-attrs"); return; }
        ASN1ObjectIdentifier ct = CMSAttributes.contentType, md = CMSAttributes.messageDigest,
            scv2 = PKCSObjectIdentifiers.id_aa_signingCertificateV2;
        Map<ASN1ObjectIdentifier, Integer> seen = new LinkedHashMap<>();   // encoding order
        for (ASN1Encodable e : raw) seen.merge(Attribute.getInstance(e).getAttrType(), 1, Integer::sum);
        for (Map.Entry<ASN1ObjectIdentifier, Integer> e : seen.entrySet()) {
            ASN1ObjectIdentifier o = e.getKey();
            if (e.getValue() > 1) why.add("duplicate-" + attrName(o));
            if (o.equals(CMSAttributes.signingTime)) why.add("signingTime-present");
            else if (!o.equals(ct) && !o.equals(md) && !o.equals(scv2)) why.add("unexpected-" + attrName(o));
        }
        for (ASN1ObjectIdentifier o : new ASN1ObjectIdentifier[] {ct, md, scv2})
            if (!seen.containsKey(o)) why.add("missing-" + attrName(o));

        ASN1Encodable ctv = singleValue(sat, ct);
        if (seen.containsKey(ct) && !CMSObjectIdentifiers.data.equals(ctv)) why.add("contentType-not-id-data");
        if (seen.containsKey(md) && !(singleValue(sat, md) instanceof ASN1OctetString))
            why.add("bad-messageDigest");

        if (seen.containsKey(scv2)) checkSigningCertificateV2(sat, cert, why);
    }

    /** RFC 3161 / RFC 5816 token as a document time-stamp (ISO 32000-2 12.8.5). */
    static void checkTimestampAttrs(COSDictionary d, ASN1ObjectIdentifier eType, AttributeTable sat,
                                    X509CertificateHolder cert, List<String> why) {
        if (!"DocTimeStamp".equals(nameOrString(d.getDictionaryObject(COSName.TYPE)))) why.add("type-not-DocTimeStamp");
        if (!PKCSObjectIdentifiers.id_ct_TSTInfo.equals(eType)) why.add("content-not-TSTInfo");
        if (sat == null) { why.add("no-signed-attrs"); return; }
        if (!PKCSObjectIdentifiers.id_ct_TSTInfo.equals(singleValue(sat, CMSAttributes.contentType)))
            why.add("contentType-not-TSTInfo");
        if (!(singleValue(sat, CMSAttributes.messageDigest) instanceof ASN1OctetString)) why.add("bad-messageDigest");
        boolean v1 = sat.get(PKCSObjectIdentifiers.id_aa_signingCertificate) != null;
        boolean v2 = sat.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null;
        if (!v1 && !v2) why.add("missing-signingCertificate");
        if (v2) checkSigningCertificateV2(sat, cert, why);
        if (cert == null) { why.add("no-tsa-cert"); return; }
        // RFC 3161 2.3: the TSA certificate's only extended key usage is timeStamping, critical.
        Extension ext = cert.getExtension(Extension.extendedKeyUsage);
        ExtendedKeyUsage eku = ext == null ? null : ExtendedKeyUsage.getInstance(ext.getParsedValue());
        if (eku == null || !ext.isCritical() || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping)
            || eku.size() != 1)
            why.add("tsa-not-timeStamping-only");
    }

    static void checkSigningCertificateV2(AttributeTable sat, X509CertificateHolder cert, List<String> why) {
        ASN1ObjectIdentifier scv2 = PKCSObjectIdentifiers.id_aa_signingCertificateV2;
        try {
            ASN1Encodable v = singleValue(sat, scv2);
            if (v == null) throw new Bad("multi-valued");
            ESSCertIDv2[] ids = SigningCertificateV2.getInstance(v).getCerts();
            if (ids.length == 0) throw new Bad("empty");
            if (cert == null) throw new Bad("no-signer-cert");
            ESSCertIDv2 id = ids[0];
            DigestCalculator dc = digests.get(id.getHashAlgorithm());
            try (OutputStream o = dc.getOutputStream()) { o.write(cert.getEncoded()); }
            if (!Arrays.equals(dc.getDigest(), id.getCertHash())) throw new Bad("hash-mismatch");
            IssuerSerial is = id.getIssuerSerial();
            if (is != null) {
                if (!is.getSerial().getValue().equals(cert.getSerialNumber())) throw new Bad("serial-mismatch");
                boolean nameOk = false;
                for (GeneralName gn : is.getIssuer().getNames())
                    if (gn.getTagNo() == GeneralName.directoryName
                        && X500Name.getInstance(gn.getName()).equals(cert.getIssuer())) nameOk = true;
                if (!nameOk) throw new Bad("issuer-mismatch");
            }
        } catch (Bad b) {
            why.add("signingCertificateV2-" + b.getMessage());
        } catch (Exception e) {
            note("signingCertificateV2: " + e);
            why.add("signingCertificateV2-unparsable");
        }
    }

    static void checkChain(CMSSignedData cms, X509CertificateHolder signerHolder,
                           Set<TrustAnchor> anchors, Calendar m) throws Bad {
        Date when = m != null ? m.getTime() : new Date();
        try {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            X509Certificate signer = conv.getCertificate(signerHolder);
            try {
                signer.checkValidity(when);
            } catch (Exception e) {
                note("signer certificate not valid at " + when + ": " + e.getMessage());
                throw new Bad("signer-cert-not-valid-at-signing-time");
            }
            for (TrustAnchor ta : anchors)          // signer is itself an anchor
                if (ta.getTrustedCert() != null && ta.getTrustedCert().equals(signer)) return;
            List<X509Certificate> pool = new ArrayList<>();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
            for (X509CertificateHolder h : all) pool.add(conv.getCertificate(h));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, target);
            p.setRevocationEnabled(false);
            p.setDate(when);
            p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(p);
        } catch (Bad b) {
            throw b;
        } catch (Exception e) {
            note("no PKIX path to a trust anchor: " + e.getMessage());
            throw new Bad("no-path-to-trust-anchor");
        }
    }

    static Set<TrustAnchor> loadTrust(String file) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Set<TrustAnchor> r = new LinkedHashSet<>();
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(Paths.get(file)))) {
            for (Certificate c : cf.generateCertificates(in))
                r.add(new TrustAnchor((X509Certificate) c, null));
        }
        if (r.isEmpty()) throw new Bad("no certificates in file");
        return r;
    }

    // ----------------------------------------------------------------- helpers

    static byte[] digest(AlgorithmIdentifier alg, byte[] pdf, long[] br) throws Exception {
        DigestCalculator dc = digests.get(alg);
        try (OutputStream o = dc.getOutputStream()) {
            o.write(pdf, (int) br[0], (int) br[1]);
            o.write(pdf, (int) br[2], (int) br[3]);
        }
        return dc.getDigest();
    }

    /** The value of a single-instance, single-valued attribute, else null. */
    static ASN1Encodable singleValue(AttributeTable t, ASN1ObjectIdentifier oid) {
        if (t == null || t.getAll(oid).size() != 1) return null;
        Attribute a = t.get(oid);
        return a.getAttrValues().size() == 1 ? a.getAttrValues().getObjectAt(0) : null;
    }

    static String attrName(ASN1ObjectIdentifier o) {
        if (o.equals(CMSAttributes.contentType)) return "contentType";
        if (o.equals(CMSAttributes.messageDigest)) return "messageDigest";
        if (o.equals(CMSAttributes.signingTime)) return "signingTime";
        if (o.equals(CMSAttributes.cmsAlgorithmProtect)) return "cmsAlgorithmProtect";
        if (o.equals(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities)) return "smimeCapabilities";
        if (o.equals(PKCSObjectIdentifiers.id_aa_signingCertificateV2)) return "signingCertificateV2";
        if (o.equals(PKCSObjectIdentifiers.id_aa_signingCertificate)) return "signingCertificate";
        return o.getId();
    }

    static String commonName(X500Name n) {
        RDN[] cn = n.getRDNs(BCStyle.CN);
        return cn.length > 0 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : n.toString();
    }

    static String nameOrString(COSBase b) {
        if (b instanceof COSName) return ((COSName) b).getName();
        if (b instanceof COSString) return ((COSString) b).getString();
        return b == null ? "none" : b.toString();
    }

    /** Keep output lines splittable on spaces. */
    static String token(String s) {
        if (s == null || s.isEmpty()) return "\"\"";
        return s.matches("[^\\s\"]+") ? s : "\"" + s.replace("\"", "'") + "\"";
    }

    static boolean isWhite(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    static int count(byte[] hay, byte[] needle) {
        int n = 0;
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            n++;
        }
        return n;
    }
}
