import java.nio.file.Path;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.LoadedConfig;

/**
 * Loads the packaged hearth.yml with the gateway's own ConfigLoader (run as a single-file program
 * with the packaged jar on the class path), so a key the gateway does not know fails the build
 * instead of the box's first start.
 */
public class CheckConfig {
    public static void main(String[] args) {
        try {
            LoadedConfig loaded = ConfigLoader.load(Path.of(args[0]));
            var config = loaded.config();
            System.out.println("config ok: dataDir=" + loaded.dataDir() + ", dns.listen=" + config.dns().listen()
                    + ", defaultProfile=" + config.defaultProfile() + ", " + config.lists().size() + " lists, "
                    + config.profiles().size() + " profiles");
            if (!Path.of("/var/lib/hearth").equals(loaded.dataDir())) {
                System.err.println(args[0] + ": dataDir must be /var/lib/hearth, the unit's only writable data folder");
                System.exit(1);
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
