package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.nemeses.LinkControl.Probe;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Probes a link from inside a container on the cluster network (the cluster's {@link ProberContainer}, of the node
 * image), with the Perl of the Debian base image: a connection through a port Docker publishes is accepted by Docker's
 * userland proxy even when the link is cut, so only a connection made on the cluster network sees the refusal. The
 * prober, not the proxy, hosts the probes, so they work whatever image the proxy runs (Shopify's has no shell). Bash
 * times the probe inside the container (see {@link #SCRIPT}).
 *
 * @param addresses where each link's proxy listens, as seen from inside the container
 * @param shell runs a command in the container
 */
public record ExecLinkProbe(Map<Link, HostPort> addresses, Shell shell) implements LinkProbe {

    /** Runs a command inside the container the probes start from. */
    @FunctionalInterface
    public interface Shell {
        ExecResult exec(Duration timeout, String... command);
    }

    /**
     * Loads its modules, says {@code ready} and waits for a line on stdin; then connects (refused or timed out: say
     * so), sends one byte, half-closes and reads until the far end closes (EOF), resets (a read error) or stays silent
     * for the patience. Prints one word and, on error, the reason.
     */
    static final String PERL = """
            use IO::Socket::INET; use IO::Select;
            $SIG{PIPE} = "IGNORE"; $| = 1;
            my ($host, $port, $patience) = @ARGV;
            print "ready\n"; my $go = <STDIN>;
            my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port, Proto => "tcp", Timeout => $patience);
            if (!$s) { print(($! =~ /refused/i) ? "refused\n" : "silent $!\n"); exit 0; }
            if (!defined syswrite($s, "x")) { print "reset $!\n"; exit 0; }
            shutdown($s, 1);
            my $sel = IO::Select->new($s);
            while (1) {
              if (!$sel->can_read($patience)) { print "silent\n"; exit 0; }
              my $n = sysread($s, my $buf, 4096);
              if (!defined $n) { print "reset $!\n"; exit 0; }
              if ($n == 0) { print "closed\n"; exit 0; }
            }
            """;

    /**
     * Runs the Perl probe as a bash coprocess and times it with {@code EPOCHREALTIME} from its go to its answer, so
     * neither the {@code docker exec} round trip nor Perl's start (tens of milliseconds on a busy machine) is counted;
     * prints {@code OUTCOME|STATUS|NANOS}, STATUS 0 when the probe ran.
     */
    static final String SCRIPT = """
            coproc PROBE { perl -e "$1" "$2" "$3" "$4" 2>&1; }
            exec {from}<&"${PROBE[0]}" {to}>&"${PROBE[1]}"
            IFS= read -r ready <&"$from"
            if [ "$ready" != ready ]; then echo "$ready|1|0"; exit 0; fi
            t0=$EPOCHREALTIME
            echo go >&"$to"
            IFS= read -r outcome <&"$from"
            t1=$EPOCHREALTIME
            echo "$outcome|0|$(( (${t1/./} - ${t0/./}) * 1000 ))"
            """;

    public ExecLinkProbe {
        addresses = Map.copyOf(addresses);
    }

    @Override
    public Probe probe(Link link, Duration patience) {
        HostPort address = LinkProbe.addressOf(addresses, link);
        ExecResult result = shell.exec(
                patience.plusSeconds(10),
                "bash",
                "-c",
                SCRIPT,
                "probe",
                PERL,
                address.host(),
                Integer.toString(address.port()),
                String.format(Locale.ROOT, "%.3f", patience.toMillis() / 1000.0));
        return parse(link, result, patience);
    }

    /** Reads {@code OUTCOME|EXIT|NANOS}; anything else means the probe itself could not run. */
    static Probe parse(Link link, ExecResult result, Duration patience) {
        String out = result.stdout().strip();
        String[] parts = out.split("\\|");
        if (!result.ok() || parts.length != 3 || !"0".equals(parts[1])) {
            throw new IllegalStateException("the probe of " + link + " did not run: exit " + result.exitCode()
                    + ", output \"" + out + "\", errors \"" + result.stderr().strip() + "\"");
        }
        Duration took = Duration.ofNanos(Long.parseLong(parts[2]));
        String outcome = parts[0];
        if (outcome.equals("refused")) {
            return new Probe.Refused();
        } else if (outcome.equals("closed")) {
            return new Probe.Closed(took);
        } else if (outcome.startsWith("reset")) {
            return new Probe.Reset(took);
        } else if (outcome.startsWith("silent")) {
            return new Probe.Silent(patience);
        }
        throw new IllegalStateException(
                "the probe of " + link + " printed \"" + out + "\", not refused, closed, reset or silent");
    }
}
