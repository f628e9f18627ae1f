package dev.sluice.core.config;

/**
 * The configuration reference as a Markdown table generated from the declarations: name, flag,
 * environment variable, default and description. Generated rather than written so the README
 * cannot disagree with the program (a test compares the two). Cells are escaped for Markdown
 * ({@code |}, and {@code <} which would otherwise start an HTML tag).
 */
public final class MarkdownReference {

    private final SettingCatalog catalog;

    public MarkdownReference(SettingCatalog catalog) {
        this.catalog = catalog;
    }

    /** The table, one row per setting in declaration order, ending with a newline. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("| Setting | Flag | Environment variable | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting<?> setting : catalog.settings()) {
            out.append("| `").append(setting.name()).append("` | `").append(setting.flag()).append("` | `")
                    .append(catalog.envVar(setting)).append("` | ").append(defaultCell(setting)).append(" | ")
                    .append(escape(description(setting))).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultCell(Setting<?> setting) {
        boolean literal = !setting.required() && setting.defaultDescription() == null && setting.defaultValue() != null
                && !setting.defaultText().equals("empty");
        return literal ? "`" + escape(setting.defaultText()) + "`" : escape(setting.defaultText());
    }

    private static String description(Setting<?> setting) {
        return setting.secret() ? setting.description() + " Secret: never printed." : setting.description();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "\\<").replace(">", "\\>").replace("\n", " ");
    }
}
