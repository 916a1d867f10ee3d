// A dialog assembled from control models, sizes in dialog units (AppFont): kyso's dialogs
// (dialogs.cpp) and the Huỷ window of a long operation (cancellable.cpp) are made with it.
#pragma once

#include "uno/ui.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>

#include <functional>

namespace kyso::lo {

class Form {
public:
    using Wiring = std::function<void(const css::uno::Reference<css::awt::XControlContainer>&)>;

    Form(const Env& env, const OUString& title, int width, int height);

    /// A control model of `type` ("FixedText", "Button", …) named `name`.
    css::uno::Reference<css::beans::XPropertySet> add(const char* type, const char* name, int x, int y, int w, int h);
    void label(const char* name, int x, int y, int w, int h, const OUString& text);
    css::uno::Reference<css::beans::XPropertySet> edit(const char* name, int x, int y, int w, int h, const OUString& text);
    void check(const char* name, int x, int y, int w, int h, const OUString& text, bool on);
    void list(const char* name, int x, int y, int w, int h, const css::uno::Sequence<OUString>& items, sal_Int16 selected);
    void button(const char* name, int x, int y, int w, const OUString& text, css::awt::PushButtonType type,
                bool is_default = false);
    /// OK and Cancel at the bottom right.
    void ok_cancel(int width, int height, const OUString& ok);

    /// The dialog's window, made but not shown, over the frame's window; `on_open` wires the
    /// live controls (buttons that act inside the dialog). The caller executes and disposes it.
    css::uno::Reference<css::awt::XControl> make(const Wiring& on_open = {});
    /// Shows the dialog modally; true for OK.
    bool run(const Wiring& on_open = {});

    css::uno::Reference<css::beans::XPropertySet> control(const char* name);
    OUString text(const char* name);
    bool checked(const char* name);
    int selected(const char* name);
    /// The dialog's model, whose controls a window made by make() shows.
    css::uno::Reference<css::uno::XInterface> model() const { return model_; }

private:
    const Env& env_;
    css::uno::Reference<css::uno::XInterface> model_;
};

} // namespace kyso::lo
