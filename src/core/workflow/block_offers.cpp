#include "core/workflow/block_offers.hpp"

#include "core/workflow/places.hpp"
#include "core/workflow/roles.hpp"

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

} // namespace kyso
