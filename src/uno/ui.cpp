#include "uno/ui.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>

#include <cstdlib>
#include <cstring>

namespace kyso::lo {
namespace {

using namespace css::uno;

OUString config_string(const ContextRef& context, const char* nodepath, const char* name) {
    try {
        Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(context);
        Sequence<Any> args = seq({Any(css::beans::NamedValue("nodepath", Any(OUString::createFromAscii(nodepath))))});
        Reference<css::container::XNameAccess> node(
            provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args),
            UNO_QUERY_THROW);
        OUString value;
        node->getByName(OUString::createFromAscii(name)) >>= value;
        return value;
    } catch (const Exception&) {
        return {};
    }
}

Reference<css::awt::XWindowPeer> parent_window(const Env& env) {
    if (!env.frame.is())
        return {};
    return Reference<css::awt::XWindowPeer>(env.frame->getContainerWindow(), UNO_QUERY);
}

sal_Int16 box(const Env& env, css::awt::MessageBoxType type, sal_Int32 buttons, const OUString& text) {
    Reference<css::awt::XMessageBoxFactory> factory(css::awt::Toolkit::create(env.context), UNO_QUERY_THROW);
    Reference<css::awt::XMessageBox> message =
        factory->createMessageBox(parent_window(env), type, buttons, "kyso", text);
    return message->execute();
}

} // namespace

bool ui_vietnamese(const ContextRef& context) {
    // The UI language (Tools ▸ Options ▸ Language); empty means "the system's".
    OUString locale = config_string(context, "/org.openoffice.Office.Linguistic/General", "UILocale");
    if (locale.isEmpty())
        locale = config_string(context, "/org.openoffice.Setup/L10N", "ooLocale");
    if (locale.isEmpty()) {
        for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            const char* value = std::getenv(var);
            if (value && *value) {
                locale = OUString::createFromAscii(value);
                break;
            }
        }
    }
    return locale.startsWithIgnoreAsciiCase("vi");
}

void show_message(const Env& env, MessageKind kind, const OUString& text) {
    css::awt::MessageBoxType type = kind == MessageKind::Error     ? css::awt::MessageBoxType_ERRORBOX
                                    : kind == MessageKind::Warning ? css::awt::MessageBoxType_WARNINGBOX
                                                                   : css::awt::MessageBoxType_INFOBOX;
    box(env, type, css::awt::MessageBoxButtons::BUTTONS_OK, text);
}

bool ask_yes_no(const Env& env, const OUString& text) {
    return box(env, css::awt::MessageBoxType_QUERYBOX, css::awt::MessageBoxButtons::BUTTONS_YES_NO, text) ==
           css::awt::MessageBoxResults::YES;
}

Reference<css::task::XStatusIndicator> new_status_indicator(const Env& env) {
    Reference<css::task::XStatusIndicatorFactory> factory(env.frame, UNO_QUERY);
    if (!factory.is())
        return {};
    try {
        return factory->createStatusIndicator();
    } catch (const Exception&) {
        return {};
    }
}

Progress::Progress(const Env& env, const OUString& title, int steps)
    : frame_(env.frame), vietnamese_(env.vietnamese), indicator_(new_status_indicator(env)), steps_(steps) {
    if (!indicator_.is())
        return;
    try {
        indicator_->start(title, steps);
    } catch (const Exception&) {
        indicator_.clear();
    }
}

Progress::~Progress() {
    if (indicator_.is()) {
        try {
            indicator_->end();
        } catch (const Exception&) {
        }
    }
}

void Progress::step(const OUString& text) {
    if (!indicator_.is())
        return;
    indicator_->setText(text);
    indicator_->setValue(++done_);
}

ProgressSink Progress::follow() {
    return [this](const ProgressStep& step) {
        if (!indicator_.is())
            return true;
        try {
            if (!frame_.is() || !frame_->getController().is())
                return false; // the window was closed
            indicator_->setText(ou(vietnamese_ ? step.vi : step.en));
            indicator_->setValue(step.total ? static_cast<sal_Int32>(steps_ * step.done / step.total) : 0);
        } catch (const css::lang::DisposedException&) {
            return false;
        } catch (const Exception&) {
            // the status bar failed; the operation goes on
        }
        return true;
    };
}

} // namespace kyso::lo
