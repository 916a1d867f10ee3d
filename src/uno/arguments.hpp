// The dispatch arguments (the UNO convention, like .uno:ExportToPDF): every vn.kyso: command
// takes optional PropertyValues with these names, kept stable for macros and automation:
// Interactive, OutputURL, PKCS11Module, TokenLabel, CertLabel, PIN, SignatureImageURL,
// SealImageURL, SealDiameterMM, Number, Symbol, Signer, AttachmentURLs. With Interactive=false nothing is asked:
// what is missing comes from the settings.
#pragma once

#include "core/token/secret.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Sequence.hxx>

#include <optional>
#include <string>
#include <vector>

namespace kyso::lo {

/// The arguments of one command, as local paths and UTF-8.
struct Arguments {
    bool interactive = true;
    std::string output;            ///< OutputURL as a path; empty: from the naming setting
    std::string module;            ///< PKCS11Module
    std::string token_label;       ///< TokenLabel
    std::string cert_label;        ///< CertLabel
    Secret pin;                    ///< PIN (automation only; never stored)
    std::string signature_image;   ///< SignatureImageURL as a path
    std::string seal_image;        ///< SealImageURL as a path
    std::optional<double> seal_diameter_mm;
    std::optional<int> number;
    std::string symbol;
    std::string signer;            ///< Signer: the full name printed in the block of a joint document
    std::vector<std::string> attachments; ///< AttachmentURLs as paths: Issue's separate-file attachments
    std::vector<std::string> ignored; ///< names kyso does not know (e.g. KeyModifier from a click)
};

/// Reads the PropertyValues; a known name with a value of the wrong type is an error.
Arguments parse_arguments(const css::uno::Sequence<css::beans::PropertyValue>& values);

} // namespace kyso::lo
