/*
 * MakePadesSample - test helper: signs a PDF with PDFBox + BouncyCastle the way
 * kyso is supposed to (PAdES baseline B: SubFilter ETSI.CAdES.detached, signed
 * attributes exactly contentType, messageDigest, signingCertificateV2, no
 * signingTime), so KysoPdfCheck can be exercised on known-good and known-bad
 * input without kyso.  Not a reference implementation of anything.
 *
 * Usage:
 *   java -cp <jars>:kyso-pdfcheck.jar MakePadesSample IN.pdf OUT.pdf KEY.p12 PASSWORD [options]
 * Options (to produce deliberately non-conforming signatures):
 *   --signing-time        also add a signingTime signed attribute
 *   --no-ess              omit signingCertificateV2
 *   --wrong-ess           put a wrong certificate hash into signingCertificateV2
 *   --subfilter NAME      use another SubFilter (e.g. adbe.pkcs7.detached)
 *   --digest NAME         digest algorithm (SHA-256 default; SHA-384, SHA-512)
 *   --field NAME          signature field name
 *   --certify P           a certification signature (DocMDP, permission P = 1, 2 or 3):
 *                         /Reference with the DocMDP transform, and the catalog's /Perms
 * Signing an already signed file appends an incremental update.
 */

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

public final class MakePadesSample {

    @SuppressWarnings("rawtypes")   // CMSAttributeTableGenerator takes a raw Map
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MakePadesSample IN.pdf OUT.pdf KEY.p12 PASSWORD [--signing-time] [--no-ess]"
                + " [--wrong-ess] [--subfilter NAME] [--digest SHA-256|SHA-384|SHA-512] [--field NAME] [--certify P]");
            System.exit(2);
        }
        boolean signingTime = false, ess = true, wrongEss = false;
        String subFilter = "ETSI.CAdES.detached", digest = "SHA-256", field = null;
        int certify = 0;
        for (int i = 4; i < args.length; i++) {
            switch (args[i]) {
                case "--signing-time": signingTime = true; break;
                case "--no-ess": ess = false; break;
                case "--wrong-ess": wrongEss = true; break;
                case "--subfilter": subFilter = args[++i]; break;
                case "--digest": digest = args[++i]; break;
                case "--field": field = args[++i]; break;
                case "--certify": certify = Integer.parseInt(args[++i]); break;
                default: System.err.println("unknown option " + args[i]); System.exit(2);
            }
        }
        Security.addProvider(new BouncyCastleProvider());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[2])) { ks.load(in, args[3].toCharArray()); }
        String alias = null;
        for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
            String a = e.nextElement();
            if (ks.isKeyEntry(a)) { alias = a; break; }
        }
        if (alias == null) throw new IllegalArgumentException("no key in " + args[2]);
        PrivateKey key = (PrivateKey) ks.getKey(alias, args[3].toCharArray());
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : ks.getCertificateChain(alias)) chain.add((X509Certificate) c);
        X509Certificate cert = chain.get(0);

        String sigAlg = digest.replace("-", "") + "with" + (key.getAlgorithm().equals("EC") ? "ECDSA" : "RSA");
        ContentSigner signer = new JcaContentSignerBuilder(sigAlg).setProvider("BC").build(key);
        final boolean fTime = signingTime, fEss = ess, fWrong = wrongEss;
        final ASN1ObjectIdentifier essHashOid = NISTObjectIdentifiers.id_sha256;
        final byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        if (fWrong) certHash[0] ^= 1;
        final IssuerSerial issuerSerial = new IssuerSerial(
            new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
            cert.getSerialNumber());

        // Exactly the attributes PAdES baseline B wants (plus optional faults).
        CMSAttributeTableGenerator attrs = (Map params) -> {
            Hashtable<ASN1ObjectIdentifier, Attribute> t = new Hashtable<>();
            t.put(CMSAttributes.contentType, new Attribute(CMSAttributes.contentType,
                new DERSet((ASN1ObjectIdentifier) params.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            t.put(CMSAttributes.messageDigest, new Attribute(CMSAttributes.messageDigest,
                new DERSet(new DEROctetString((byte[]) params.get(CMSAttributeTableGenerator.DIGEST)))));
            if (fEss) {
                ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(essHashOid), certHash, issuerSerial);
                t.put(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(id))));
            }
            if (fTime)
                t.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new Date()))));
            return new AttributeTable(t);
        };

        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
            .setSignedAttributeGenerator(attrs)
            .build(signer, new JcaX509CertificateHolder(cert)));
        gen.addCertificates(new JcaCertStore(chain));

        try (PDDocument doc = PDDocument.load(new File(args[0]));
             FileOutputStream out = new FileOutputStream(args[1])) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(COSName.getPDFName(subFilter));
            sig.setName(cert.getSubjectX500Principal().getName());
            sig.setSignDate(Calendar.getInstance());
            if (certify != 0)
                certify(doc, sig, certify);
            SignatureOptions opts = new SignatureOptions();
            opts.setPreferredSignatureSize(16384);
            doc.addSignature(sig, opts);
            if (field != null)
                for (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField f : doc.getSignatureFields())
                    if (f.getSignature() != null && f.getSignature().getCOSObject() == sig.getCOSObject())
                        f.setPartialName(field);
            ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(out);
            byte[] content = IOUtils.toByteArray(ext.getContent());
            byte[] cms = gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
            ext.setSignature(cms);
            opts.close();
        }
    }

    /** Makes `sig` the document's certification with permission `p` (ISO 32000-1 12.8.2.2). */
    private static void certify(PDDocument doc, PDSignature sig, int p) {
        COSDictionary params = new COSDictionary();
        params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        params.setInt(COSName.P, p);
        params.setName(COSName.V, "1.2");
        COSDictionary reference = new COSDictionary();
        reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
        reference.setItem(COSName.getPDFName("TransformParams"), params);
        COSArray references = new COSArray();
        references.add(reference);
        sig.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        COSDictionary perms = new COSDictionary();
        perms.setItem(COSName.DOCMDP, sig);
        catalog.setItem(COSName.PERMS, perms);
        catalog.setNeedToBeUpdated(true);
    }
}
