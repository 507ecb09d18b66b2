package org.normscope.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.ui.viewmodel.UiLocale;

/** Every bundle has every key in both languages, with the same {0}… arguments. */
class BundlesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> args = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }

    @ParameterizedTest
    @ValueSource(strings = {"window", "explanations", "explain"})
    void everyKeyIsInBothLanguagesWithTheSameArguments(String bundle) throws IOException {
        Properties en = load("/i18n/" + bundle + ".properties");
        Properties zh = load("/i18n/" + bundle + "_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).as("keys of %s in 简体中文", bundle)
                .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        TreeMap<String, String> differing = new TreeMap<>();
        for (String key : en.stringPropertyNames()) {
            Set<String> a = arguments(en.getProperty(key));
            Set<String> b = arguments(zh.getProperty(key, ""));
            if (!a.equals(b)) {
                differing.put(key, a + " vs " + b);
            }
        }
        assertThat(differing).as("MessageFormat arguments that differ between en and zh-CN in %s", bundle)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"window", "explanations", "explain"})
    void theChineseBundleIsReadAsUtf8AndEnglishIgnoresTheSystemLocale(String bundle) {
        assertThat(UiLocale.bundle("i18n." + bundle, UiLocale.CHINESE).getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(UiLocale.bundle("i18n." + bundle, UiLocale.ENGLISH).getLocale()).isEqualTo(Locale.ROOT);
        } finally {
            Locale.setDefault(before);
        }
    }

    @org.junit.jupiter.api.Test
    void chineseTextsAreChinese() {
        assertThat(UiLocale.bundle("i18n.window", UiLocale.CHINESE).getString("toolbar.step")).isEqualTo("单步");
    }

    @org.junit.jupiter.api.Test
    void theSystemLocaleChoosesTheDefaultLanguage() {
        assertThat(UiLocale.fromSystem(Locale.CHINA)).isEqualTo(UiLocale.CHINESE);
        assertThat(UiLocale.fromSystem(Locale.TAIWAN)).isEqualTo(UiLocale.CHINESE);
        assertThat(UiLocale.fromSystem(Locale.GERMANY)).isEqualTo(UiLocale.ENGLISH);
        assertThat(UiLocale.parse("zh-CN")).isEqualTo(UiLocale.CHINESE);
        assertThat(UiLocale.parse("en")).isEqualTo(UiLocale.ENGLISH);
        assertThat(UiLocale.tag(UiLocale.CHINESE)).isEqualTo("zh-CN");
    }
}
