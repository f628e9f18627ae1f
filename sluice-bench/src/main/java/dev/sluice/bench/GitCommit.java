package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The commit the benchmark was built from, read from the repository's files ({@code .git/HEAD},
 * then the branch's ref, loose or packed) so that naming a result needs no git executable.
 */
public final class GitCommit {

    private GitCommit() {
    }

    /** The abbreviated commit of the repository containing {@code dir}, or {@code unknown}. */
    public static String shortCommit(Path dir) {
        return full(dir).map(c -> c.substring(0, Math.min(7, c.length()))).orElse("unknown");
    }

    static Optional<String> full(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                return resolve(git);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resolve(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring("ref: ".length());
            Path loose = git.resolve(ref);
            if (Files.exists(loose)) {
                return Optional.of(Files.readString(loose).trim());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.exists(packed)) {
                return Files.readAllLines(packed).stream().filter(l -> l.endsWith(" " + ref))
                        .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
