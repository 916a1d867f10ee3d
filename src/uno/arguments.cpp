#include "uno/arguments.hpp"

#include "core/error.hpp"
#include "uno/strings.hpp"

namespace kyso::lo {
namespace {

using css::uno::Any;

[[noreturn]] void wrong_type(const OUString& name, const char* expected) {
    throw Error(ErrorCode::BadArguments,
                "Tham số " + utf8(name) + " phải là " + expected + ".",
                "Argument " + utf8(name) + " must be a " + expected + ".");
}

OUString as_string(const css::beans::PropertyValue& value) {
    OUString text;
    if (!(value.Value >>= text))
        wrong_type(value.Name, "string");
    return text;
}

std::string as_path(const css::beans::PropertyValue& value) {
    OUString url = as_string(value);
    return url.isEmpty() ? std::string() : path_from_url(url);
}

} // namespace

Arguments parse_arguments(const css::uno::Sequence<css::beans::PropertyValue>& values) {
    Arguments args;
    for (const css::beans::PropertyValue& value : values) {
        const OUString& name = value.Name;
        if (name == "Interactive") {
            if (!(value.Value >>= args.interactive))
                wrong_type(name, "boolean");
        } else if (name == "OutputURL") {
            args.output = as_path(value);
        } else if (name == "PKCS11Module") {
            args.module = utf8(as_string(value)); // a path, or a URL
            if (args.module.rfind("file:", 0) == 0)
                args.module = path_from_url(as_string(value));
        } else if (name == "TokenLabel") {
            args.token_label = utf8(as_string(value));
        } else if (name == "CertLabel") {
            args.cert_label = utf8(as_string(value));
        } else if (name == "PIN") {
            args.pin = secret_utf8(as_string(value)); // the Any's OUString cannot be wiped
        } else if (name == "SignatureImageURL") {
            args.signature_image = as_path(value);
        } else if (name == "SealImageURL") {
            args.seal_image = as_path(value);
        } else if (name == "SealDiameterMM") {
            double mm = 0;
            if (!(value.Value >>= mm) || mm <= 0)
                wrong_type(name, "positive number");
            args.seal_diameter_mm = mm;
        } else if (name == "Number") {
            sal_Int32 number = 0;
            if (!(value.Value >>= number) || number < 1)
                wrong_type(name, "number from 1");
            args.number = number;
        } else if (name == "Symbol") {
            args.symbol = utf8(as_string(value));
        } else if (name == "AttachmentURLs") {
            css::uno::Sequence<OUString> urls;
            if (!(value.Value >>= urls))
                wrong_type(name, "sequence of file URLs");
            for (const OUString& each : urls)
                if (!each.isEmpty())
                    args.attachments.push_back(path_from_url(each));
        } else if (name == "Signer") {
            args.signer = utf8(as_string(value));
        } else {
            args.ignored.push_back(utf8(name));
        }
    }
    return args;
}

} // namespace kyso::lo
