package org.pestle.identity.internal;

/** Facts about the demo data loaded by db/demo/R__demo_data.sql. */
final class DemoData {

    /** The password of every demo user (an Argon2id hash of it is in the demo data). */
    static final String PASSWORD = "pestle-demo";

    private DemoData() {
    }
}
