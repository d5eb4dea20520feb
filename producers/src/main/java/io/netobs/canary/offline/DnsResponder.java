package io.netobs.canary.offline;

import java.io.IOException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/** Answers one query from one zone, authoritatively; dnsjava's {@link Zone#findRecords} does the lookup. */
final class DnsResponder {
    private final Zone zone;

    DnsResponder(Zone zone) {
        this.zone = zone;
    }

    /** The wire response, or null for input that is not even a DNS header. */
    byte[] respond(byte[] wire, boolean udp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        Message resp = new Message(query.getHeader().getID());
        resp.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            resp.getHeader().setFlag(Flags.RD);
        }
        Record q = query.getQuestion();
        if (q == null) {
            resp.getHeader().setRcode(Rcode.FORMERR);
            return resp.toWire();
        }
        resp.addRecord(q, Section.QUESTION);
        if (!q.getName().subdomain(zone.getOrigin())) {
            resp.getHeader().setRcode(Rcode.REFUSED);
            return resp.toWire();
        }
        resp.getHeader().setFlag(Flags.AA);
        answer(resp, q, 0);
        OPTRecord opt = query.getOPT();
        int max = udp ? (opt != null ? Math.max(512, opt.getPayloadSize()) : 512) : 65535;
        return resp.toWire(max);
    }

    private void answer(Message resp, Record q, int depth) {
        SetResponse sr = zone.findRecords(q.getName(), q.getType());
        if (sr.isNXDOMAIN() && depth == 0) {
            resp.getHeader().setRcode(Rcode.NXDOMAIN);
            resp.addRecord(zone.getSOA(), Section.AUTHORITY);
        } else if (sr.isNXRRSET() && depth == 0) {
            resp.addRecord(zone.getSOA(), Section.AUTHORITY);
        } else if (sr.isCNAME()) {
            CNAMERecord cname = sr.getCNAME();
            resp.addRecord(cname, Section.ANSWER);
            if (depth < 8 && cname.getTarget().subdomain(zone.getOrigin())) {
                answer(resp, Record.newRecord(cname.getTarget(), q.getType(), q.getDClass()), depth + 1);
            }
        } else if (sr.isSuccessful()) {
            for (RRset set : sr.answers()) {
                for (Record r : set.rrs()) {
                    resp.addRecord(r, Section.ANSWER);
                }
            }
        }
    }

}
