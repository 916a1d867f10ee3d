#include "core/workflow/block_offers.hpp"

#include "core/workflow/places.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/signer_choice.hpp"

#include <algorithm>

namespace kyso {
namespace {

const FormField* find_field(const std::vector<FormField>& fields, const std::string& name) {
    for (const FormField& f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

bool is_signed(const std::vector<FormField>& fields, const std::string& name) {
    const FormField* f = find_field(fields, name);
    return f && f->has_value;
}

// "Nguyễn Thanh Bình" or, from the fields alone, "khối 2".
std::string who(const BlockProgress& block, size_t index, bool vietnamese) {
    if (!block.name.empty())
        return block.name;
    return (vietnamese ? "khối chữ ký " : "signer block ") + std::to_string(index + 1);
}

std::string names_of(const std::vector<BlockProgress>& blocks, bool vietnamese, bool (*pick)(const BlockProgress&)) {
    std::string list;
    for (size_t i = 0; i < blocks.size(); ++i)
        if (pick(blocks[i]))
            list += (list.empty() ? "" : ", ") + who(blocks[i], i, vietnamese);
    return list;
}

bool official_missing(const BlockProgress& b) { return !b.official_signed; }

} // namespace

std::vector<size_t> BlockOffers::choosable() const {
    std::vector<size_t> out;
    for (const BlockOffer& offer : blocks)
        if (offer.choosable)
            out.push_back(offer.block);
    return out;
}

std::vector<BlockProgress> block_progress(const std::vector<FormField>& fields) {
    std::vector<BlockProgress> blocks;
    for (size_t i = 0; find_field(fields, field_names::official_field(i)); ++i)
        blocks.push_back({{}, {}, is_signed(fields, field_names::official_field(i)),
                          is_signed(fields, field_names::organisation_field(i))});
    return blocks;
}

std::vector<BlockProgress> block_progress(const std::vector<FormField>& fields, const std::vector<SignerBlock>& signers) {
    std::vector<BlockProgress> blocks = block_progress(fields);
    if (blocks.size() < signers.size()) // not prepared yet: every block still to sign
        blocks.resize(signers.size());
    for (size_t i = 0; i < signers.size(); ++i) {
        blocks[i].name = signers[i].name;
        blocks[i].title = signers[i].title_lines.empty() ? std::string() : signers[i].title_lines.back();
    }
    return blocks;
}

std::vector<BlockProgress> read_block_progress(const std::string& path) {
    return block_progress(read_form_fields(path), locate_places(path).places.signers);
}

BlockOffers offer_blocks(const std::vector<BlockProgress>& blocks, BlockStep step) {
    BlockOffers offers;
    bool issued = std::any_of(blocks.begin(), blocks.end(), [](const BlockProgress& b) { return b.organisation_signed; });
    bool all_signed = std::none_of(blocks.begin(), blocks.end(), official_missing);
    for (size_t i = 0; i < blocks.size(); ++i) {
        const BlockProgress& b = blocks[i];
        BlockOffer offer{i, false, {}, {}};
        if (b.organisation_signed) {
            offer.state_vi = "đã phát hành";
            offer.state_en = "issued";
        } else if (!b.official_signed) {
            offer.choosable = step == BlockStep::SignOfficial && !issued;
            offer.state_vi = "chưa ký";
            offer.state_en = "not signed yet";
        } else if (step == BlockStep::SignOfficial) {
            offer.state_vi = "đã ký";
            offer.state_en = "signed";
        } else {
            offer.choosable = all_signed;
            offer.state_vi = all_signed ? "đã ký, chờ phát hành" : "đã ký, chờ người ký khác";
            offer.state_en = all_signed ? "signed, to be issued" : "signed, waiting for the other signers";
        }
        offers.blocks.push_back(offer);
    }
    if (!offers.choosable().empty() || blocks.empty())
        return offers;
    if (step == BlockStep::SignOfficial) {
        auto everyone = [](const BlockProgress&) { return true; };
        bool joint = blocks.size() > 1;
        offers.none_vi = issued ? "văn bản đã phát hành (có chữ ký số của cơ quan); văn bản đã ban hành không được ký thêm"
                                : std::string(joint ? "mọi khối chữ ký" : "văn bản") +
                                      " đã có chữ ký số của người có thẩm quyền (" + names_of(blocks, true, everyone) + ")";
        offers.none_en = issued ? "the document is issued (it carries the organisation's signature); an issued "
                                  "document takes no further signature"
                                : std::string(joint ? "every signer block carries" : "the document carries") +
                                      " the official's signature (" + names_of(blocks, false, everyone) + ")";
    } else if (!all_signed) {
        offers.none_vi = "chưa có chữ ký số của người có thẩm quyền (" + names_of(blocks, true, official_missing) +
                         "); chỉ phát hành khi mọi người ký đã ký";
        offers.none_en = "the authorised official has not signed (" + names_of(blocks, false, official_missing) +
                         "); it is issued once every signer has signed";
    } else {
        offers.none_vi = "văn bản đã được phát hành (mọi cơ quan đã ký số); không phát hành lại";
        offers.none_en = "the document is already issued (every organisation has signed); it is not issued twice";
    }
    return offers;
}

Error no_block_to_choose(const BlockOffers& offers, BlockStep step) {
    bool signing = step == BlockStep::SignOfficial;
    return Error(ErrorCode::BadArguments, (signing ? "Không ký được: " : "Chưa phát hành được: ") + offers.none_vi + ".",
                 (signing ? "Cannot sign: " : "Cannot issue yet: ") + offers.none_en + ".");
}

size_t offered_block(const std::vector<SignerBlock>& signers, const std::vector<BlockProgress>& blocks, BlockStep step,
                     const std::string& name) {
    size_t chosen = choose_signer_block(signers, name);
    BlockOffers offers = offer_blocks(blocks, step);
    if (chosen < offers.blocks.size() && offers.blocks[chosen].choosable)
        return chosen;
    if (offers.choosable().empty())
        throw no_block_to_choose(offers, step);
    std::string open_vi, open_en;
    for (size_t i : offers.choosable()) {
        open_vi += (open_vi.empty() ? "" : ", ") + std::string("\u201C") + who(blocks[i], i, true) + "\u201D";
        open_en += (open_en.empty() ? "" : ", ") + std::string("\u201C") + who(blocks[i], i, false) + "\u201D";
    }
    const BlockOffer& offer = offers.blocks.at(chosen);
    const std::string& printed = signers[chosen].name;
    if (step == BlockStep::SignOfficial)
        throw Error(ErrorCode::BadArguments,
                    "Không ký được khối chữ ký của \u201C" + printed + "\u201D (" + offer.state_vi +
                        "). Khối còn chờ ký: " + open_vi + ".",
                    "Cannot sign the signer block of \u201C" + printed + "\u201D (" + offer.state_en +
                        "). The block still to sign: " + open_en + ".");
    throw Error(ErrorCode::BadArguments,
                "Không phát hành được cho khối chữ ký của \u201C" + printed + "\u201D (" + offer.state_vi +
                    "). Khối chờ phát hành: " + open_vi + ".",
                "Cannot issue for the signer block of \u201C" + printed + "\u201D (" + offer.state_en +
                    "). The block to be issued: " + open_en + ".");
}

void check_named_block(const std::string& path, BlockStep step, const std::string& name) {
    if (name.empty())
        return;
    std::vector<SignerBlock> signers = locate_places(path).places.signers;
    offered_block(signers, block_progress(read_form_fields(path), signers), step, name);
}

} // namespace kyso
