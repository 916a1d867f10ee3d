#include "core/pdf/dss.hpp"

#include "core/error.hpp"
#include "core/pdf/incremental_writer.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_library.hpp"
#include "core/pdf/xref_check.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace kyso {

using namespace PoDoFo;

namespace {

PdfObject* resolve(PdfMemDocument& doc, PdfObject* value) {
    // Bounded: a reference to a reference is followed a few times at most.
    for (int hops = 0; value && value->IsReference() && hops < 8; ++hops)
        value = doc.GetObjects().GetObject(value->GetReference());
    return value;
}

DerBlob stream_bytes(PdfObject* object) {
    if (!object || !object->HasStream())
        return {};
    char* buffer = nullptr;
    pdf_long length = 0;
    object->GetStream()->GetFilteredCopy(&buffer, &length);
    DerBlob bytes(buffer, buffer + length);
    podofo_free(buffer);
    return bytes;
}

// One DSS array (/Certs, /OCSPs, /CRLs) as stored: each stream's reference and bytes.
struct StoredItem {
    PdfReference ref;
    DerBlob bytes;
};

std::vector<StoredItem> stored_items(PdfMemDocument& doc, PdfObject* dss, const char* key) {
    std::vector<StoredItem> items;
    if (!dss || !dss->IsDictionary())
        return items;
    PdfObject* array = resolve(doc, dss->GetDictionary().GetKey(key));
    if (!array || !array->IsArray())
        return items;
    for (PdfObject& entry : array->GetArray())
        if (entry.IsReference())
            items.push_back({entry.GetReference(), stream_bytes(resolve(doc, &entry))});
    return items;
}

PdfObject* find_dss(PdfMemDocument& doc) {
    PdfObject* catalog = doc.GetCatalog();
    return catalog ? resolve(doc, catalog->GetDictionary().GetKey("DSS")) : nullptr;
}

} // namespace

std::string vri_key(const std::vector<unsigned char>& contents) {
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(contents.data(), contents.size(), digest);
    std::string key;
    char hex[3];
    for (unsigned char byte : digest) {
        std::snprintf(hex, sizeof hex, "%02X", byte);
        key += hex;
    }
    return key;
}

namespace {

DssContent content_of(PdfMemDocument& doc) {
    DssContent content;
    PdfObject* dss = find_dss(doc);
    for (StoredItem& item : stored_items(doc, dss, "Certs"))
        content.certs.push_back(std::move(item.bytes));
    for (StoredItem& item : stored_items(doc, dss, "OCSPs"))
        content.ocsps.push_back(std::move(item.bytes));
    for (StoredItem& item : stored_items(doc, dss, "CRLs"))
        content.crls.push_back(std::move(item.bytes));
    if (dss && dss->IsDictionary())
        if (PdfObject* vri = resolve(doc, dss->GetDictionary().GetKey("VRI")); vri && vri->IsDictionary())
            for (const auto& [name, value] : vri->GetDictionary().GetKeys()) {
                (void)value;
                content.vri[name.GetName()] = {};
            }
    return content;
}

} // namespace

DssContent read_dss(const std::string& path) {
    try {
        pdf::LoadedPdf pdf(path);
        return content_of(pdf.doc());
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
}

DssContent read_dss(const std::string& path, size_t revision_end) {
    std::ifstream in(path, std::ios::binary);
    std::string prefix(revision_end, '\0');
    if (!in.read(prefix.data(), static_cast<std::streamsize>(revision_end)))
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path + "\".", "Cannot read \"" + path + "\".");
    check_xref_tables(prefix, path);
    pdf::quiet_pdf_library();
    try {
        PdfMemDocument doc;
        doc.LoadFromBuffer(prefix.data(), static_cast<long>(prefix.size()));
        return content_of(doc);
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
}

std::string build_dss_update(const std::string& path, const DssContent& add) {
    try {
        pdf::LoadedPdf pdf(path);
        PdfMemDocument& doc = pdf.doc();
        PdfObject* old_dss = find_dss(doc);

        // 1. Each list: the stored items, then the new ones not stored yet, as new streams.
        auto merge = [&](const char* key, const std::vector<DerBlob>& blobs, std::vector<PdfReference>& refs_of_new) {
            std::vector<StoredItem> items = stored_items(doc, old_dss, key);
            PdfArray array;
            for (const StoredItem& item : items)
                array.push_back(item.ref);
            for (const DerBlob& blob : blobs) {
                auto same = std::find_if(items.begin(), items.end(), [&](const StoredItem& i) { return i.bytes == blob; });
                if (same != items.end()) {
                    refs_of_new.push_back(same->ref);
                    continue;
                }
                PdfObject* stream = doc.GetObjects().CreateObject();
                stream->GetStream()->Set(reinterpret_cast<const char*>(blob.data()), static_cast<pdf_long>(blob.size()));
                array.push_back(stream->Reference());
                refs_of_new.push_back(stream->Reference());
                items.push_back({stream->Reference(), blob});
            }
            return array;
        };
        std::vector<PdfReference> cert_refs, ocsp_refs, crl_refs;
        PdfDictionary dss;
        dss.AddKey("Type", PdfName("DSS"));
        if (PdfArray certs = merge("Certs", add.certs, cert_refs); !certs.empty())
            dss.AddKey("Certs", certs);
        if (PdfArray ocsps = merge("OCSPs", add.ocsps, ocsp_refs); !ocsps.empty())
            dss.AddKey("OCSPs", ocsps);
        if (PdfArray crls = merge("CRLs", add.crls, crl_refs); !crls.empty())
            dss.AddKey("CRLs", crls);

        // 2. /VRI: the old entries kept, one new entry per signature validated now.
        PdfDictionary vri;
        if (old_dss && old_dss->IsDictionary())
            if (PdfObject* old_vri = resolve(doc, old_dss->GetDictionary().GetKey("VRI")); old_vri && old_vri->IsDictionary())
                vri = old_vri->GetDictionary();
        auto pick = [](const std::vector<size_t>& indexes, const std::vector<PdfReference>& refs) {
            PdfArray array;
            for (size_t i : indexes)
                if (i < refs.size())
                    array.push_back(refs[i]);
            return array;
        };
        for (const auto& [key, entry] : add.vri) {
            PdfDictionary item;
            item.AddKey("Type", PdfName("VRI"));
            if (!entry.certs.empty())
                item.AddKey("Cert", pick(entry.certs, cert_refs));
            if (!entry.ocsps.empty())
                item.AddKey("OCSP", pick(entry.ocsps, ocsp_refs));
            if (!entry.crls.empty())
                item.AddKey("CRL", pick(entry.crls, crl_refs));
            vri.AddKey(PdfName(key), item);
        }
        if (!vri.GetKeys().empty())
            dss.AddKey("VRI", vri);

        // 3. A new DSS object, and the catalog rewritten to point at it: nothing earlier is touched.
        PdfObject* dss_object = doc.GetObjects().CreateObject(dss);
        PdfObject* catalog = doc.GetCatalog();
        catalog->GetDictionary().AddKey("DSS", dss_object->Reference());

        pdf::IncrementalWriter writer(pdf);
        writer.add(*catalog);
        for (const PdfObject* object : doc.GetObjects())
            if (object->Reference().ObjectNumber() >= pdf.first_new_object())
                writer.add(*object);
        return writer.finish().bytes;
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
}

} // namespace kyso
