// Which signer blocks of a document each step may work on (issue 15.2, for the extension's
// Ký số and Phát hành): a joint document (văn bản liên tịch) has one block per signer. Ký số
// offers the blocks whose official has not signed; Phát hành, once every official has signed
// (R1 for every block), those whose organisation has not. The same rules refuse in
// sign_official and issue_document; here they are answered before anything is asked.
#pragma once

#include "core/error.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdftext/places.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Where one signer block stands, read from the signature fields kyso gave it.
struct BlockProgress {
    std::string name;  ///< the full name printed in the block; empty when only the fields were read
    std::string title; ///< its last title line ("GIÁM ĐỐC SỞ NỘI VỤ")
    bool official_signed = false;
    bool organisation_signed = false;
};

/// The steps that choose a block.
enum class BlockStep { SignOfficial, Issue };

/// One block as a step offers it.
struct BlockOffer {
    size_t block = 0;               ///< index into the blocks (TextPlaces::signers order)
    bool choosable = false;         ///< the step may work on it now
    std::string state_vi, state_en; ///< "đã ký", "chờ phát hành" …
};

/// What a step offers: every block, and why none can be chosen when none can.
struct BlockOffers {
    std::vector<BlockOffer> blocks;
    std::string none_vi, none_en; ///< empty when some block is choosable
    /// The choosable blocks' indices.
    std::vector<size_t> choosable() const;
};

/// The progress of each block from the document's fields: kyso_official/kyso_org for the
/// first, the "_2", "_3" … fields for the others. Empty for an unprepared document.
std::vector<BlockProgress> block_progress(const std::vector<FormField>& fields);

/// As above, with each block's printed title and name from `signers` (same order).
std::vector<BlockProgress> block_progress(const std::vector<FormField>& fields, const std::vector<SignerBlock>& signers);

/// The blocks of the PDF at `path` and where each stands (places and fields; an unprepared
/// draft's blocks are all unsigned). Throws kyso::Error for an unreadable file.
std::vector<BlockProgress> read_block_progress(const std::string& path);

/// Which of `blocks` `step` may choose, and the state of each in words.
BlockOffers offer_blocks(const std::vector<BlockProgress>& blocks, BlockStep step);

/// The refusal when `offers` has no choosable block ("Không ký được: …", "Cannot issue yet: …").
Error no_block_to_choose(const BlockOffers& offers, BlockStep step);

/// The block printing `name` (choose_signer_block's rules) when `step` may take it now.
/// Throws BadArguments when no block prints the name, or when the step cannot take that block
/// (already signed, already issued, officials still to sign), saying why and which blocks can
/// be chosen. `blocks` is block_progress(fields, signers).
size_t offered_block(const std::vector<SignerBlock>& signers, const std::vector<BlockProgress>& blocks, BlockStep step,
                     const std::string& name);

/// offered_block for the PDF at `path`, so that a named block the step would refuse after the
/// PIN is refused before the token is opened. Nothing is checked without a name.
void check_named_block(const std::string& path, BlockStep step, const std::string& name);

} // namespace kyso
