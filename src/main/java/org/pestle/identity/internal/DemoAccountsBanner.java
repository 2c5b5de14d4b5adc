package org.pestle.identity.internal;

import org.pestle.platform.DatabaseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** At the first start of the embedded default, tells the new user how to log in. */
@Component
class DemoAccountsBanner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccountsBanner.class);

    private final DatabaseServer database;
    private final boolean demoData;
    private final String port;

    DemoAccountsBanner(DatabaseServer database, @Value("${pestle.demo-data:false}") boolean demoData,
            @Value("${local.server.port:${server.port:8080}}") String port) {
        this.database = database;
        this.demoData = demoData;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printOnFirstStart() {
        if (!database.freshlyCreated() || !demoData) {
            return;
        }
        log.info("""

                ==================================================================================
                 Pestle is running with demo data: http://localhost:{}/
                 Demo users (password for all: {}):
                   pharmacist, pharmacist2  pharmacists (Tasklist: verify orders)
                   technician               pharmacy technician
                   admin                    pharmacy admin (Camunda Admin)
                   operator                 operator (Cockpit)
                   dr.reyes                 prescriber at Northside Family Medicine (has a DEA number)
                   dr.okafor                prescriber at Lakeside Dermatology
                   clinic.admin             clinic admin at Northside Family Medicine
                 These are demo credentials: never use this data folder in production.
                ==================================================================================
                """, port, DemoData.PASSWORD);
    }
}
