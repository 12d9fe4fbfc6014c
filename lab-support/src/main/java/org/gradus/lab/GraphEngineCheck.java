package org.gradus.lab;

import org.gradus.DoctorCheck;

/** The doctor's "graphs" line: which engine renders graphs here, and why the ones before it were passed over. */
public final class GraphEngineCheck implements DoctorCheck {
    @Override
    public String topic() {
        return "graphs";
    }

    @Override
    public String finding() {
        return GraphRenderer.describe();
    }
}
