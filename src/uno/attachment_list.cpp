#include "uno/attachment_list.hpp"

#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilePicker3.hpp>
#include <cppuhelper/implbase1.hxx>

#include <filesystem>

namespace kyso::lo {
namespace {

using namespace css::uno;
namespace dialogs = css::ui::dialogs;

// The PDF files the user picks (several at once); none when the picker is cancelled.
std::vector<std::string> pick_pdf_files(const Env& env) {
    Reference<dialogs::XFilePicker3> picker =
        dialogs::FilePicker::createWithMode(env.context, dialogs::TemplateDescription::FILEOPEN_SIMPLE);
    picker->setTitle(env.tr("Chọn tệp đính kèm (PDF)", "Choose attachments (PDF)"));
    picker->appendFilter("PDF", "*.pdf");
    picker->setCurrentFilter("PDF");
    picker->setMultiSelectionMode(true);
    std::vector<std::string> picked;
    if (picker->execute() != dialogs::ExecutableDialogResults::OK)
        return picked;
    for (const OUString& url : picker->getSelectedFiles())
        picked.push_back(path_from_url(url));
    return picked;
}

class AttachmentButtons : public cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    AttachmentButtons(const Env& env, Reference<css::awt::XControl> list,
                      std::shared_ptr<std::vector<std::string>> paths)
        : env_(env), list_(std::move(list)), paths_(std::move(paths)) {}

    void SAL_CALL actionPerformed(const css::awt::ActionEvent& event) override {
        try {
            if (event.ActionCommand == "add") {
                for (const std::string& path : pick_pdf_files(env_))
                    paths_->push_back(path);
            } else {
                sal_Int16 selected = Reference<css::awt::XListBox>(list_, UNO_QUERY_THROW)->getSelectedItemPos();
                if (selected < 0 || static_cast<size_t>(selected) >= paths_->size())
                    return;
                paths_->erase(paths_->begin() + selected);
            }
            Reference<css::beans::XPropertySet>(list_->getModel(), UNO_QUERY_THROW)
                ->setPropertyValue("StringItemList", Any(attachment_names(*paths_)));
        } catch (const Exception& e) {
            show_message(env_, MessageKind::Error, env_.tr("Không mở được hộp chọn tệp: ", "Cannot open the file picker: ") + e.Message);
        }
    }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    Env env_; // a copy: the listener lives as long as the dialog's buttons hold it
    Reference<css::awt::XControl> list_;
    std::shared_ptr<std::vector<std::string>> paths_;
};

} // namespace

Sequence<OUString> attachment_names(const std::vector<std::string>& paths) {
    Sequence<OUString> names(static_cast<sal_Int32>(paths.size()));
    for (size_t i = 0; i < paths.size(); ++i)
        names.getArray()[i] = ou(std::filesystem::path(paths[i]).filename().string());
    return names;
}

void connect_attachment_list(const Env& env, const Reference<css::awt::XControlContainer>& dialog,
                             const char* list, const char* add, const char* remove,
                             const std::shared_ptr<std::vector<std::string>>& paths) {
    Reference<css::awt::XActionListener> buttons(
        new AttachmentButtons(env, dialog->getControl(OUString::createFromAscii(list)), paths));
    const std::pair<const char*, const char*> commands[] = {{add, "add"}, {remove, "remove"}};
    for (const auto& [name, command] : commands) {
        Reference<css::awt::XButton> button(dialog->getControl(OUString::createFromAscii(name)), UNO_QUERY_THROW);
        button->setActionCommand(OUString::createFromAscii(command));
        button->addActionListener(buttons);
    }
}

} // namespace kyso::lo
