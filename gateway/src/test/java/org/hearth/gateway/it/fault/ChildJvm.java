package org.hearth.gateway.it.fault;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.hearth.gateway.config.ConfigWriter;

/**
 * The java command for a child JVM that a fault test starts many times and kills: started from an
 * AppCDS archive of itself, so each start maps its classes instead of loading and verifying them.
 *
 * <p>{@link #prepare} packs the class folders of this JVM's classpath into jars (CDS refuses
 * folders), then runs the child once with {@code -XX:ArchiveClassesAtExit} and
 * {@code --exit-when-ready}: the child does one of everything and exits normally, which writes the
 * archive. If no archive comes out (a JVM without CDS), the children run without one: slower, and
 * just as correct.
 */
final class ChildJvm {

    /**
     * C1 only and the serial collector: a child lives a second or so, it never needs C2 or G1. No
     * logging (the parent discards it), and the JVM's own warnings (an archive that cannot be used)
     * go to stderr, never before the child's first line on stdout.
     */
    private static final List<String> FLAGS = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-Dslf4j.provider=org.slf4j.helpers.NOPServiceProvider");

    private ChildJvm() {}

    /**
     * @param work an empty folder for the jars, the archive and the training run's files
     * @param config the config text the training run's folder starts with (the child expects one)
     * @return the command up to and including the main class; the caller appends the arguments
     */
    static List<String> prepare(Path work, Class<?> main, String config) throws Exception {
        Files.createDirectories(work);
        List<String> classpath = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = work.resolve("classes-" + n++ + ".jar");
                packInto(path, jar);
                classpath.add(jar.toString());
            } else if (Files.exists(path)) {
                classpath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, classpath);
        Path archive = work.resolve("child.jsa");
        Path training = Files.createDirectories(work.resolve("training"));
        ConfigWriter.write(training.resolve("hearth.yml"), config, List.of());
        List<String> record = new ArrayList<>(List.of(java));
        record.addAll(FLAGS);
        record.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", cp, main.getName(), training.toString(),
                "--exit-when-ready"));
        Process trainer = new ProcessBuilder(record).redirectErrorStream(true)
                .redirectOutput(work.resolve("training.log").toFile()).start();
        if (!trainer.waitFor(120, TimeUnit.SECONDS)) {
            trainer.destroyForcibly();
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(FLAGS);
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else {
            System.out.println("ChildJvm: no class-data archive was written (" + work.resolve("training.log")
                    + "); children start without one");
        }
        command.addAll(List.of("-cp", cp, main.getName()));
        return command;
    }

    /** A jar of the folder's files, stored uncompressed: packing is quick, and reading it too. */
    private static void packInto(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(folder)) {
            out.setLevel(0);
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                JarEntry entry = new JarEntry(folder.relativize(p).toString().replace('\\', '/'));
                entry.setMethod(ZipEntry.DEFLATED);
                out.putNextEntry(entry);
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
