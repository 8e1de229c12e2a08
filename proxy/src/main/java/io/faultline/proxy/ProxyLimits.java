package io.faultline.proxy;

/**
 * The bounds the server holds every request to, so that no client can make it read, keep or echo without limit.
 * Each refusal names the bound it broke. Toxiproxy has none of these; no Toxiproxy client comes near them.
 */
public final class ProxyLimits {

    /**
     * The largest request body the HTTP API reads, in bytes (64 KiB). A longer one is answered 413 as soon as its
     * declared length, or the bytes read so far, pass the bound: the rest is never read into memory.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The longest proxy or toxic name, in characters. */
    public static final int MAX_NAME_LENGTH = 256;

    /**
     * The longest {@code listen} or {@code upstream} address, in characters: a 253-character DNS name, IPv6
     * brackets and {@code :65535}.
     */
    public static final int MAX_ADDRESS_LENGTH = 261;

    /** The most proxies one server holds (a full mesh of 99 nodes has 9702 links). */
    public static final int MAX_PROXIES = 10_000;

    /** The most toxics one proxy holds, both streams together. */
    public static final int MAX_TOXICS_PER_PROXY = 100;

    /** The largest value of a toxic attribute (ms, µs, bytes or KB/s): 2^31 - 1, about 24.8 days in ms. */
    public static final long MAX_ATTRIBUTE = Integer.MAX_VALUE;

    private ProxyLimits() {}

    /**
     * Checks a name's length.
     *
     * @throws BadRequestException naming the field and the bound, without echoing the name
     */
    static void requireName(String field, String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException(
                    field + " must be at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
        }
    }

    /**
     * Checks an address's length.
     *
     * @throws BadRequestException naming the field and the bound, without echoing the address
     */
    static void requireAddress(String field, String address) {
        if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
            throw new BadRequestException(
                    field + " must be at most " + MAX_ADDRESS_LENGTH + " characters, got " + address.length());
        }
    }
}
