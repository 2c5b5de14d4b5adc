package org.pestle.audit.internal;

import java.io.PrintStream;

import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line verification of the audit chain: started with {@code --audit-verify}, the
 * application walks the chain, prints the result and exits with 0 when intact, 3 when not, e.g.
 * {@code java -jar pestle.jar --spring.main.web-application-type=none --audit-verify}.
 */
@Component
class VerifyChainCommand implements ApplicationRunner {

    static final int BROKEN = 3;

    private final AuditRecords audit;
    private final ApplicationContext context;

    VerifyChainCommand(AuditRecords audit, ApplicationContext context) {
        this.audit = audit;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("audit-verify")) {
            int code = verifyAndReport(System.out);
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }

    /** Verifies the chain, prints one line, and returns the exit code. */
    int verifyAndReport(PrintStream out) {
        ChainVerification result = audit.verify();
        if (result.intact()) {
            out.println("audit chain intact: " + result.recordsChecked() + " records, sealed through #"
                    + result.sealedThroughSeq() + ", " + result.awaitingSealing() + " awaiting sealing");
            return 0;
        }
        out.println("audit chain broken: record " + result.firstBrokenSeq() + " " + result.problem()
                + " (after " + result.recordsChecked() + " records read)");
        return BROKEN;
    }
}
