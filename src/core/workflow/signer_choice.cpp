#include "core/workflow/signer_choice.hpp"

#include "core/error.hpp"
#include "core/pdftext/vi_text.hpp"

namespace kyso {
namespace {

// Words joined by single spaces, lower case (Vietnamese letters too).
std::string normalised(const std::string& name) {
    std::u32string out;
    bool space = false;
    for (char32_t c : vi::decode_utf8(name)) {
        if (c == ' ' || c == '\t' || c == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += U' ';
        space = false;
        out += vi::to_lower(c);
    }
    return vi::encode_utf8(out);
}

std::string printed_names(const std::vector<SignerBlock>& blocks) {
    std::string list;
    for (const SignerBlock& b : blocks)
        list += "\n- \u201C" + b.name + "\u201D (" + (b.title_lines.empty() ? "" : b.title_lines.back()) + ")";
    return list;
}

} // namespace

void require_distinct_signer_names(const std::vector<SignerBlock>& blocks) {
    for (size_t i = 0; i < blocks.size(); ++i)
        for (size_t j = i + 1; j < blocks.size(); ++j)
            if (normalised(blocks[i].name) == normalised(blocks[j].name))
                throw Error(ErrorCode::BadArguments,
                            "Hai khối chữ ký cùng in họ tên \u201C" + blocks[i].name +
                                "\u201D; không phân biệt được người ký. Hãy sửa họ tên trong dự thảo.",
                            "Two signer blocks print the same name \u201C" + blocks[i].name +
                                "\u201D; the signers cannot be told apart. Correct the names in the draft.");
}

size_t choose_signer_block(const std::vector<SignerBlock>& blocks, const std::string& name) {
    if (blocks.empty())
        throw Error(ErrorCode::BadArguments, "Văn bản không có khối chữ ký.", "The document has no signer block.");
    if (name.empty()) {
        if (blocks.size() == 1)
            return 0;
        throw Error(ErrorCode::BadArguments,
                    "Văn bản liên tịch có " + std::to_string(blocks.size()) +
                        " khối chữ ký; hãy chọn người ký bằng --signer \"HỌ TÊN\" (như in trên văn bản):" +
                        printed_names(blocks),
                    "The joint document has " + std::to_string(blocks.size()) +
                        " signer blocks; choose one with --signer \"FULL NAME\" (as printed):" + printed_names(blocks));
    }
    std::string wanted = normalised(name);
    for (size_t i = 0; i < blocks.size(); ++i)
        if (normalised(blocks[i].name) == wanted)
            return i;
    // Typed without diacritics: accepted when it names one block only.
    size_t found = blocks.size(), matches = 0;
    for (size_t i = 0; i < blocks.size(); ++i)
        if (vi::skeleton(normalised(blocks[i].name)) == vi::skeleton(wanted)) {
            found = i;
            ++matches;
        }
    if (matches == 1)
        return found;
    throw Error(ErrorCode::BadArguments,
                "Không có khối chữ ký nào in họ tên \u201C" + name + "\u201D. Các người ký trên văn bản:" +
                    printed_names(blocks),
                "No signer block prints the name \u201C" + name + "\u201D. The signers printed:" + printed_names(blocks));
}

} // namespace kyso
