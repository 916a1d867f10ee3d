// The issuance dialog's list of separate-file attachments (issue 16.4): "Thêm tệp…" opens a PDF
// file picker, "Bỏ tệp" drops the selected entry. The list shows file names; the paths it
// stands for are kept beside it, in the same order.
#pragma once

#include "uno/ui.hpp"

#include <com/sun/star/awt/XControlContainer.hpp>

#include <memory>
#include <string>
#include <vector>

namespace kyso::lo {

/// What the list box shows for `paths`: each file's name.
css::uno::Sequence<OUString> attachment_names(const std::vector<std::string>& paths);

/// Connects the buttons `add` and `remove` of the open dialog `dialog` to its list box `list`;
/// `paths` follows every change. Stays connected until the dialog is disposed.
void connect_attachment_list(const Env& env, const css::uno::Reference<css::awt::XControlContainer>& dialog,
                             const char* list, const char* add, const char* remove,
                             const std::shared_ptr<std::vector<std::string>>& paths);

} // namespace kyso::lo
