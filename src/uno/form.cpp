#include "uno/form.hpp"

#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>

namespace kyso::lo {

using namespace css::uno;
using css::beans::XPropertySet;

Form::Form(const Env& env, const OUString& title, int width, int height) : env_(env) {
    Reference<css::lang::XMultiComponentFactory> smgr = env.context->getServiceManager();
    model_.set(smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", env.context),
               UNO_QUERY_THROW);
    Reference<XPropertySet> props(model_, UNO_QUERY_THROW);
    props->setPropertyValue("Title", Any(title));
    props->setPropertyValue("PositionX", Any(sal_Int32(60)));
    props->setPropertyValue("PositionY", Any(sal_Int32(40)));
    props->setPropertyValue("Width", Any(sal_Int32(width)));
    props->setPropertyValue("Height", Any(sal_Int32(height)));
}

Reference<XPropertySet> Form::add(const char* type, const char* name, int x, int y, int w, int h) {
    Reference<XPropertySet> control(
        Reference<css::lang::XMultiServiceFactory>(model_, UNO_QUERY_THROW)
            ->createInstance(OUString::createFromAscii("com.sun.star.awt.UnoControl") + OUString::createFromAscii(type) + "Model"),
        UNO_QUERY_THROW);
    control->setPropertyValue("PositionX", Any(sal_Int32(x)));
    control->setPropertyValue("PositionY", Any(sal_Int32(y)));
    control->setPropertyValue("Width", Any(sal_Int32(w)));
    control->setPropertyValue("Height", Any(sal_Int32(h)));
    Reference<css::container::XNameContainer>(model_, UNO_QUERY_THROW)
        ->insertByName(OUString::createFromAscii(name), Any(control));
    return control;
}

void Form::label(const char* name, int x, int y, int w, int h, const OUString& text) {
    auto c = add("FixedText", name, x, y, w, h);
    c->setPropertyValue("Label", Any(text));
    c->setPropertyValue("MultiLine", Any(true));
}

Reference<XPropertySet> Form::edit(const char* name, int x, int y, int w, int h, const OUString& text) {
    auto c = add("Edit", name, x, y, w, h);
    c->setPropertyValue("Text", Any(text));
    return c;
}

void Form::check(const char* name, int x, int y, int w, int h, const OUString& text, bool on) {
    auto c = add("CheckBox", name, x, y, w, h);
    c->setPropertyValue("Label", Any(text));
    c->setPropertyValue("State", Any(sal_Int16(on ? 1 : 0)));
}

void Form::list(const char* name, int x, int y, int w, int h, const Sequence<OUString>& items, sal_Int16 selected) {
    auto c = add("ListBox", name, x, y, w, h);
    c->setPropertyValue("StringItemList", Any(items));
    c->setPropertyValue("SelectedItems", Any(seq<sal_Int16>({selected})));
}

void Form::button(const char* name, int x, int y, int w, const OUString& text, css::awt::PushButtonType type,
                  bool is_default) {
    auto c = add("Button", name, x, y, w, 14);
    c->setPropertyValue("Label", Any(text));
    c->setPropertyValue("PushButtonType", Any(sal_Int16(type)));
    c->setPropertyValue("DefaultButton", Any(is_default));
}

void Form::ok_cancel(int width, int height, const OUString& ok) {
    button("ok", width - 110, height - 20, 50, ok, css::awt::PushButtonType_OK, true);
    button("cancel", width - 56, height - 20, 50, env_.tr("Huỷ", "Cancel"), css::awt::PushButtonType_CANCEL);
}

Reference<css::awt::XControl> Form::make(const Wiring& on_open) {
    Reference<css::lang::XMultiComponentFactory> smgr = env_.context->getServiceManager();
    Reference<css::awt::XControl> dialog(
        smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", env_.context), UNO_QUERY_THROW);
    dialog->setModel(Reference<css::awt::XControlModel>(model_, UNO_QUERY_THROW));
    Reference<css::awt::XWindowPeer> parent;
    if (env_.frame.is())
        parent.set(env_.frame->getContainerWindow(), UNO_QUERY);
    dialog->createPeer(Reference<css::awt::XToolkit>(css::awt::Toolkit::create(env_.context), UNO_QUERY_THROW), parent);
    if (on_open)
        on_open(Reference<css::awt::XControlContainer>(dialog, UNO_QUERY_THROW));
    return dialog;
}

bool Form::run(const Wiring& on_open) {
    Reference<css::awt::XControl> dialog = make(on_open);
    bool ok = Reference<css::awt::XDialog>(dialog, UNO_QUERY_THROW)->execute() == 1;
    Reference<css::lang::XComponent>(dialog, UNO_QUERY_THROW)->dispose();
    return ok;
}

Reference<XPropertySet> Form::control(const char* name) {
    return Reference<XPropertySet>(
        Reference<css::container::XNameContainer>(model_, UNO_QUERY_THROW)->getByName(OUString::createFromAscii(name)),
        UNO_QUERY_THROW);
}

OUString Form::text(const char* name) {
    OUString value;
    control(name)->getPropertyValue("Text") >>= value;
    return value;
}

bool Form::checked(const char* name) {
    sal_Int16 state = 0;
    control(name)->getPropertyValue("State") >>= state;
    return state == 1;
}

int Form::selected(const char* name) {
    Sequence<sal_Int16> items;
    control(name)->getPropertyValue("SelectedItems") >>= items;
    return items.getLength() ? items[0] : -1;
}

} // namespace kyso::lo
