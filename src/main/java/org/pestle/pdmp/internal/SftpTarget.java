package org.pestle.pdmp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Optional;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SFTP client (Apache MINA SSHD's sshd-sftp) that puts a PDMP file in the state's folder: written under a
 * temporary name ({@code .<name>.part}) and renamed when complete, so the state never picks up half a file. A
 * file already there under its final name is not sent again (a retry after a lost answer sends it once). A
 * failure is an {@link SftpFailure} naming the host and the step, never a credential.
 */
@Component
class SftpTarget {

    private final PdmpSettings settings;
    private final ObjectProvider<EmbeddedSftpTarget> embedded;

    SftpTarget(PdmpSettings settings, ObjectProvider<EmbeddedSftpTarget> embedded) {
        this.settings = settings;
        this.embedded = embedded;
    }

    /** Where a file goes: the state's folder under the configured directory. */
    String pathOf(String state, String fileName) {
        String base = settings.sftp().directory().isBlank() ? "" : settings.sftp().directory().replaceAll("/+$", "") + "/";
        return base + state + "/" + fileName;
    }

    /**
     * Uploads the file unless it is already there.
     *
     * @return true if it was written now, false if it was already there
     */
    boolean upload(String state, String fileName, byte[] content) {
        String folder = pathOf(state, "").replaceAll("/$", "");
        String target = pathOf(state, fileName);
        String temporary = pathOf(state, "." + fileName + ".part");
        return withSftp(sftp -> {
            ensureFolder(sftp, folder);
            if (exists(sftp, target)) {
                return false;
            }
            try (OutputStream out = sftp.write(temporary, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                    SftpClient.OpenMode.Truncate)) {
                out.write(content);
            }
            sftp.rename(temporary, target);
            return true;
        }, "upload " + fileName);
    }

    /** The text of a file in the state's folder, if it is there (the state's error report). */
    Optional<String> read(String state, String fileName) {
        String path = pathOf(state, fileName);
        return withSftp(sftp -> {
            if (!exists(sftp, path)) {
                return Optional.<String>empty();
            }
            try (InputStream in = sftp.read(path); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                return Optional.of(out.toString(StandardCharsets.US_ASCII));
            }
        }, "read " + fileName);
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private static void ensureFolder(SftpClient sftp, String folder) throws IOException {
        if (!exists(sftp, folder)) {
            sftp.mkdir(folder);
        }
    }

    interface SftpWork<T> {
        T run(SftpClient sftp) throws IOException;
    }

    private <T> T withSftp(SftpWork<T> work, String step) {
        PdmpSettings.Sftp sftp = settings.sftp();
        EmbeddedSftpTarget standIn = sftp.embedded() ? embedded.getIfAvailable() : null;
        String host = standIn != null ? "127.0.0.1" : sftp.host();
        int port = standIn != null ? standIn.port() : (sftp.port() == 0 ? 22 : sftp.port());
        SshClient client = SshClient.setUpDefaultClient();
        // the in-process stand-in's key is made at its first start on this machine; a real server's must be known
        client.setServerKeyVerifier(standIn != null ? (session, address, key) -> true
                : sftp.knownHosts().isBlank() ? RejectAllServerKeyVerifier.INSTANCE
                        : new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, Path.of(sftp.knownHosts())));
        client.start();
        try (ClientSession session = client.connect(sftp.username(), host, port)
                .verify(sftp.connectTimeout()).getSession()) {
            if (standIn != null) {
                session.addPasswordIdentity(standIn.password());
            } else {
                if (!sftp.password().isBlank()) {
                    session.addPasswordIdentity(sftp.password());
                }
                if (!sftp.privateKeyFile().isBlank()) {
                    for (KeyPair key : SecurityUtils.loadKeyPairIdentities(null, org.apache.sshd.common.NamedResource.ofName(sftp.privateKeyFile()),
                            java.nio.file.Files.newInputStream(Path.of(sftp.privateKeyFile())), FilePasswordProvider.EMPTY)) {
                        session.addPublicKeyIdentity(key);
                    }
                }
            }
            session.auth().verify(sftp.connectTimeout());
            try (SftpClient client1 = SftpClientFactory.instance().createSftpClient(session)) {
                return work.run(client1);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new SftpFailure("SFTP " + step + " on " + host + ":" + port + " failed: " + e.getClass().getSimpleName(), e);
        } finally {
            client.stop();
        }
    }

    /** An SFTP step failed; the job is retried and then becomes an incident. */
    static final class SftpFailure extends RuntimeException {
        SftpFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
