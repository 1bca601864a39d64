use crate::{Entry, TrayIcon};
use objc2_app_kit::{NSMenu, NSMenuItem, NSStatusBar, NSVariableStatusItemLength};
use objc2_foundation::{MainThreadMarker, NSString};
use std::io;

pub(crate) fn show(t: TrayIcon) -> io::Result<()> {
    let mtm = MainThreadMarker::new().ok_or_else(|| io::Error::new(io::ErrorKind::Other, "not on main thread"))?;
    unsafe {
        let bar = NSStatusBar::systemStatusBar();
        let item = bar.statusItemWithLength(NSVariableStatusItemLength);
        if let Some(button) = item.button(mtm) {
            button.setTitle(&NSString::from_str(&t.title));
        }
        let menu = NSMenu::new(mtm);
        for e in &t.entries {
            match e {
                Entry::Separator => menu.addItem(&NSMenuItem::separatorItem(mtm)),
                Entry::Item { title, .. } => {
                    let mi = NSMenuItem::new(mtm);
                    mi.setTitle(&NSString::from_str(title));
                    menu.addItem(&mi);
                }
            }
        }
        item.setMenu(Some(&menu));
    }
    Ok(())
}
