package org.normscope.ui.view;

import java.io.File;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.normscope.preset.Preset;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.normscope.ui.viewmodel.UiText;

/** The Presets menu, rebuilt whenever a user preset comes or goes. */
final class PresetsMenu {

    private final MainViewModel model;
    private final Supplier<Window> owner;
    private final Function<Window, File> chooser;
    private final Menu menu = new Menu(UiText.get("menu.presets"));
    private final ListChangeListener<Preset> changed = c -> fillPresetsMenu(menu);

    /**
     * @param owner the window dialogs belong to (null before it is shown)
     * @param chooser asks for the preset file to import (null: none chosen)
     */
    PresetsMenu(MainViewModel model, Supplier<Window> owner, Function<Window, File> chooser) {
        this.model = model;
        this.owner = owner;
        this.chooser = chooser;
        menu.setId("presets-menu");
        fillPresetsMenu(menu);
        model.presets().addListener(changed);
    }

    Menu menu() {
        return menu;
    }

    /** Stops following the presets (View → Language replaced the window). */
    void detach() {
        model.presets().removeListener(changed);
    }


    /**
     * The Presets menu: the built-in presets, a separator, the user's own presets (if any, then
     * another separator), Save setup as preset… and Import preset….
     */
    private void fillPresetsMenu(Menu menu) {
        java.util.List<Preset> all = model.presets();
        java.util.List<Preset> user = model.userPresets().presets();
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Preset p = all.get(i);
            MenuItem item = new MenuItem(p.name(UiLocale.current()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.load(p));
            if (i == all.size() - user.size()) {
                items.add(new javafx.scene.control.SeparatorMenuItem());
            }
            if (i >= all.size() - user.size()) {
                item.setId("user-preset-" + (i - (all.size() - user.size())));
            }
            items.add(item);
        }
        items.add(new javafx.scene.control.SeparatorMenuItem());
        MenuItem save = new MenuItem(UiText.get("menu.presets.save"));
        save.setId("preset-save");
        save.setMnemonicParsing(false);
        save.setOnAction(e -> SavePresetDialog.ask(owner.get(),
                model.userPresets()));
        MenuItem importPreset = new MenuItem(UiText.get("menu.presets.import"));
        importPreset.setId("preset-import");
        importPreset.setMnemonicParsing(false);
        importPreset.setOnAction(e -> {
            File file = chooser.apply(owner.get());
            if (file != null) {
                model.userPresets().importFile(file.toPath());
            }
        });
        items.add(save);
        items.add(importPreset);
        menu.getItems().setAll(items);
    }

    /** A file chooser for a preset file (*.json) to import. */
    static File choosePresetFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(UiText.get("preset.import.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(UiText.get("preset.import.files"), "*.json"));
        return chooser.showOpenDialog(owner);
    }
}
