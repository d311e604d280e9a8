package org.petitionbridge.notify.subscriptions;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Guards webhook URLs against server-side request forgery: https only, and never an address that is loopback,
 * link-local (169.254.0.0/16, the cloud metadata address), private, or otherwise not public, unless the
 * operator allow-lists the host. Checked when a subscription is registered and again, after DNS resolution,
 * before every delivery.
 */
@Component
public class WebhookUrlPolicy {

    private final Set<String> allowedHosts;

    public WebhookUrlPolicy(@Value("${petition-bridge.notify.allowed-hosts:}") String allowedHosts) {
        this.allowedHosts = Arrays.stream(allowedHosts.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Null when the URL may be called, else the reason it may not. */
    public String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return "must be an absolute URL with a host, e.g. https://hooks.example.gov.cn/petitions";
        }
        if (uri.getUserInfo() != null) {
            return "must not contain credentials";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowListed = allowedHosts.contains(host);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(allowListed && "http".equals(scheme))) {
            return "must use https";
        }
        if (allowListed) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "has a host name that does not resolve";
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)
                    || isSharedOrReserved(address)) {
                return "resolves to an address that is not public (loopback, link-local, private or reserved); "
                        + "an operator must allow-list the host";
            }
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    private static boolean isSharedOrReserved(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes: judge that address
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            for (int i = 4; nat64 && i < 12; i++) {
                nat64 = b[i] == 0;
            }
            if (!nat64) {
                return false;
            }
            try {
                InetAddress v4 = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                return v4.isLoopbackAddress() || v4.isLinkLocalAddress() || v4.isSiteLocalAddress()
                        || v4.isAnyLocalAddress() || isSharedOrReserved(v4);
            } catch (UnknownHostException e) {
                return true;
            }
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        return first == 0                                            // "this network"
                || (first == 100 && second >= 64 && second < 128)   // shared address space (carrier-grade NAT)
                || (first == 192 && second == 0 && (third == 0 || third == 2))   // IETF assignments, TEST-NET-1
                || (first == 198 && (second == 18 || second == 19))            // benchmarking
                || (first == 198 && second == 51 && third == 100)              // TEST-NET-2
                || (first == 203 && second == 0 && third == 113)               // TEST-NET-3
                || first >= 224;                                     // multicast, reserved, broadcast
    }
}
