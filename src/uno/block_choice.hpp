// Which signer block of a joint document (văn bản liên tịch) a Ký số or Phát hành works on:
// the Signer argument (refused here, before any PIN, when the step cannot take it), else
// (interactive) the block chooser, which lists every block by its printed title and name and
// lets the user pick only those the step may take now (the core's offer_blocks). A document
// with one block asks nothing.
#pragma once

#include "core/workflow/block_offers.hpp"
#include "uno/arguments.hpp"
#include "uno/ui.hpp"

#include <string>

namespace kyso::lo {

/// The printed name of the block `step` works on in the PDF at `pdf` (for
/// OfficialSignOptions::signer, IssueOptions::signer); empty with one block, or when nothing
/// can be asked (Interactive=false: the core then refuses, listing the names). Throws
/// kyso::Error when no block can be chosen or the Signer argument names one the step cannot
/// take (with why), Cancelled when the user cancels.
std::string chosen_signer(const Env& env, const std::string& pdf, BlockStep step, const Arguments& args);

} // namespace kyso::lo
