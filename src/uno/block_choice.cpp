#include "uno/block_choice.hpp"

#include "core/error.hpp"
#include "uno/dialogs.hpp"
#include "uno/token_choice.hpp" // Cancelled

namespace kyso::lo {

std::string chosen_signer(const Env& env, const std::string& pdf, BlockStep step, const Arguments& args) {
    if (!args.signer.empty()) {
        // Checked now, as the core would after the PIN: a name not printed, a block signed or issued.
        check_named_block(pdf, step, args.signer);
        return args.signer;
    }
    // A prepared document says by its fields how many blocks it has; the text (slow on a long
    // document) is read only for a joint or an unprepared one.
    if (block_progress(read_form_fields(pdf)).size() == 1)
        return {};
    std::vector<BlockProgress> blocks = read_block_progress(pdf);
    if (blocks.size() < 2)
        return {};
    BlockOffers offers = offer_blocks(blocks, step);
    std::vector<size_t> choosable = offers.choosable();
    bool signing = step == BlockStep::SignOfficial;
    if (choosable.empty())
        throw no_block_to_choose(offers, step);
    if (!env.interactive)
        return {};

    std::vector<BlockRow> rows;
    for (const BlockOffer& offer : offers.blocks) {
        const BlockProgress& b = blocks[offer.block];
        rows.push_back({(b.title.empty() ? "" : b.title + " — ") + b.name + " (" +
                            (env.vietnamese ? offer.state_vi : offer.state_en) + ")",
                        offer.choosable});
    }
    std::string count = std::to_string(blocks.size());
    Bilingual purpose =
        signing ? Bilingual{"Văn bản liên tịch có " + count + " khối chữ ký. Chọn khối của người có thẩm quyền ký lần "
                            "này (chữ ký đặt giữa chức vụ và họ tên in trong khối đó):",
                            "The joint document has " + count + " signer blocks. Choose the block of the official "
                            "signing now (the signature goes between the title and the name printed in it):"}
                : Bilingual{"Văn bản liên tịch có " + count + " khối chữ ký. Chọn khối mà cơ quan phát hành lần này "
                            "đóng dấu lên chữ ký (cơ quan đầu tiên ghi số và ngày; các cơ quan sau giữ số và ngày đó):",
                            "The joint document has " + count + " signer blocks. Choose the block whose signature "
                            "this organisation seals (the first one fills in number and date; the others keep them):"};
    std::optional<size_t> chosen = choose_signer_block(env, env.tr(purpose), rows, choosable.front());
    if (!chosen)
        throw Cancelled{};
    return blocks.at(*chosen).name;
}

} // namespace kyso::lo
