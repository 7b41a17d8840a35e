package org.sosops.env.flags;

import java.util.List;
import org.sosops.env.flags.value.Source;

/** An observer that writes each answer's source id ("org", "env", "db", "default") or "unknown" to a list. */
final class SourceRecorder implements FlagObserver {
    private final List<String> seen;

    SourceRecorder(List<String> seen) {
        this.seen = seen;
    }

    @Override
    public void resolved(Source source) {
        seen.add(source.id());
    }

    @Override
    public void unknownFlag() {
        seen.add("unknown");
    }
}
