// Which signer block an official signs or an organisation issues for: a joint document
// (văn bản liên tịch) carries one block per signer, told apart by the full name printed in
// each (`--signer "FULL NAME"`).
#pragma once

#include "core/pdftext/places.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Refuses blocks that print the same name: `--signer` could not tell them apart.
void require_distinct_signer_names(const std::vector<SignerBlock>& blocks);

/// The index of the block whose printed name is `name` (spaces and case aside; without
/// diacritics only when that names one block). An empty `name` chooses the only block.
/// Throws BadArguments, listing the printed names, when several blocks and no name are given or
/// the name is not printed.
size_t choose_signer_block(const std::vector<SignerBlock>& blocks, const std::string& name);

} // namespace kyso
