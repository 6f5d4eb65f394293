package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void save_thenLoad_roundTrips_ownerOnly() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("conf/mail.properties"));
        assertThat(store.load()).isEmpty();
        EmailSettings s = EmailSettingsTest.valid().build();
        store.save(s);
        assertThat(store.load().orElseThrow().toString()).isEqualTo(s.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void failedSave_keepsThePreviousGoodFile_andLeavesNoTemporaryFile() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("mail.properties"));
        store.save(EmailSettingsTest.valid().build());
        String before = Files.readString(store.file());
        store.beforeRename = () -> {
            throw new IOException("No space left on device");
        };
        assertThatThrownBy(() -> store.save(EmailSettingsTest.valid().smtpHost("smtp2.example.com").build()))
                .isInstanceOf(MailwrightException.class)
                .hasMessageContaining("No space left on device").hasMessageContaining("previous settings file is unchanged")
                .hasMessageNotContaining("s3cret");
        assertThat(Files.readString(store.file())).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void invalidSettings_areNotSaved() {
        SettingsStore store = new SettingsStore(dir.resolve("mail.properties"));
        assertThatThrownBy(() -> store.save(EmailSettings.builder().build())).isInstanceOf(InvalidSettingsException.class);
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void valuesWithSpecialCharacters_surviveTheFile() {
        SettingsStore store = new SettingsStore(dir.resolve("mail.properties"));
        EmailSettings s = EmailSettingsTest.valid().password(Secret.of(" p=a:s#s!\\w\u00e9rd\t")).build();
        store.save(s);
        assertThat(store.load().orElseThrow().password().orElseThrow().reveal()).isEqualTo(" p=a:s#s!\\w\u00e9rd\t");
    }
}
