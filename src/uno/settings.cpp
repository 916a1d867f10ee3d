#include "uno/settings.hpp"

#include "uno/strings.hpp"
#include "core/register/register_store.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/XHierarchicalPropertySet.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XHierarchicalNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::beans::NamedValue;

Reference<XInterface> open_node(const ContextRef& context, bool update) {
    Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(context);
    Sequence<Any> args = seq({Any(NamedValue("nodepath", Any(OUString("/vn.kyso.Settings"))))});
    return provider->createInstanceWithArguments(
        update ? OUString("com.sun.star.configuration.ConfigurationUpdateAccess")
               : OUString("com.sun.star.configuration.ConfigurationAccess"),
        args);
}

std::string text(const Reference<css::container::XHierarchicalNameAccess>& node, const char* path) {
    OUString value;
    node->getByHierarchicalName(OUString::createFromAscii(path)) >>= value;
    return utf8(value);
}

} // namespace

Settings load_settings(const ContextRef& context) {
    Reference<css::container::XHierarchicalNameAccess> node(open_node(context, false), UNO_QUERY_THROW);
    Settings s;
    s.module = text(node, "Token/PKCS11Module");
    s.token_label = text(node, "Token/TokenLabel");
    s.official_cert = text(node, "Token/OfficialCertLabel");
    s.organisation_cert = text(node, "Token/OrganisationCertLabel");
    s.organisation_name = text(node, "Organisation/Name");
    s.symbol = text(node, "Organisation/Symbol");
    s.signature_image = text(node, "Images/SignatureImage");
    s.seal_image = text(node, "Images/SealImage");
    node->getByHierarchicalName("Images/SealDiameterMM") >>= s.seal_diameter_mm;
    s.output_folder = text(node, "Output/Folder");
    std::string pattern = text(node, "Output/Pattern");
    if (!pattern.empty())
        s.output_pattern = pattern;
    node->getByHierarchicalName("Output/PdfA") >>= s.pdfa;
    Sequence<OUString> anchors;
    node->getByHierarchicalName("Verify/TrustAnchors") >>= anchors;
    for (const OUString& anchor : anchors)
        if (!anchor.isEmpty())
            s.trust_anchors.push_back(utf8(anchor));
    s.tsa_url = text(node, "Timestamp/TsaURL");
    node->getByHierarchicalName("Timestamp/AllowWithout") >>= s.tsa_allow_without;
    s.register_location = text(node, "Register/Location");
    std::string book = text(node, "Register/Book");
    if (!book.empty())
        s.register_book = book;
    return s;
}

void save_settings(const ContextRef& context, const Settings& s) {
    Reference<XInterface> access = open_node(context, true);
    Reference<css::beans::XHierarchicalPropertySet> node(access, UNO_QUERY_THROW);
    auto put = [&](const char* path, const std::string& value) {
        node->setHierarchicalPropertyValue(OUString::createFromAscii(path), Any(ou(value)));
    };
    put("Token/PKCS11Module", s.module);
    put("Token/TokenLabel", s.token_label);
    put("Token/OfficialCertLabel", s.official_cert);
    put("Token/OrganisationCertLabel", s.organisation_cert);
    put("Organisation/Name", s.organisation_name);
    put("Organisation/Symbol", s.symbol);
    put("Images/SignatureImage", s.signature_image);
    put("Images/SealImage", s.seal_image);
    node->setHierarchicalPropertyValue("Images/SealDiameterMM", Any(s.seal_diameter_mm));
    put("Output/Folder", s.output_folder);
    put("Output/Pattern", s.output_pattern);
    node->setHierarchicalPropertyValue("Output/PdfA", Any(s.pdfa));
    Sequence<OUString> anchors(static_cast<sal_Int32>(s.trust_anchors.size()));
    for (size_t i = 0; i < s.trust_anchors.size(); ++i)
        anchors.getArray()[i] = ou(s.trust_anchors[i]);
    node->setHierarchicalPropertyValue("Verify/TrustAnchors", Any(anchors));
    put("Timestamp/TsaURL", s.tsa_url);
    node->setHierarchicalPropertyValue("Timestamp/AllowWithout", Any(s.tsa_allow_without));
    put("Register/Location", s.register_location);
    put("Register/Book", s.register_book);
    Reference<css::util::XChangesBatch>(access, UNO_QUERY_THROW)->commitChanges();
}

std::string local_path(const std::string& value) {
    return value.rfind("file:", 0) == 0 ? path_from_url(ou(value)) : value;
}

std::vector<std::string> trust_anchor_paths(const Settings& settings) {
    std::vector<std::string> paths;
    for (const std::string& anchor : settings.trust_anchors)
        paths.push_back(local_path(anchor));
    return paths;
}

std::string register_location(const Settings& settings) {
    const std::string& value = settings.register_location;
    if (value.empty())
        return default_register_location();
    return local_path(value);
}

} // namespace kyso::lo
