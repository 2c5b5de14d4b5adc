package org.pestle.pdmp.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.dispensing.Dispenses;
import org.pestle.pdmp.internal.PdmpRecords.Kind;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Status;
import org.pestle.pdmp.internal.PdmpRecords.Submission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state's answer to a file: its error report, a text file the state (or staff, for an error report sent by
 * e-mail) places in the state's SFTP folder as {@code <file name>.errors}. Each line names a record by its
 * prescription number (DSP02) and the error: {@code <DSP02>*<element or code>*<text>}; a line
 * {@code FILE*FAILED*<text>} means the file failed the ASAP structure. No error report by the end of the answer
 * window: the file is accepted and its dispenses are reported.
 */
@Service
class StateAnswers {

    static final String SUFFIX = ".errors";

    /** What the answer did: the records that failed (each a pharmacist's task). */
    record Answer(String status, List<UUID> failedRecordIds) {
    }

    private final PdmpRecords records;
    private final SftpTarget sftp;
    private final Dispenses dispenses;
    private final Clock clock;

    StateAnswers(PdmpRecords records, SftpTarget sftp, Dispenses dispenses, Clock clock) {
        this.records = records;
        this.sftp = sftp;
        this.dispenses = dispenses;
        this.clock = clock;
    }

    /** Reads the answer over SFTP and applies it. */
    @Transactional
    Answer read(UUID submissionId) {
        Submission submission = records.submission(submissionId).orElseThrow();
        if (!"UPLOADED".equals(submission.status())) {
            // answered already (staff entered the error report): the failing records are still to be worked
            return new Answer(submission.status(), records.ofSubmission(submissionId).stream()
                    .filter(r -> r.status() == Status.FAILED).map(PdmpRecord::id).toList());
        }
        Optional<String> report = sftp.read(submission.state(), submission.fileName() + SUFFIX);
        return apply(submission, report.orElse(""));
    }

    /** Applies an error report's text (empty: accepted). */
    @Transactional
    Answer apply(Submission submission, String report) {
        Instant now = clock.instant();
        List<PdmpRecord> carried = records.ofSubmission(submission.id());
        Map<String, String> errors = new LinkedHashMap<>();
        String fileFailed = null;
        for (String raw : report.split("\\R")) {
            String[] parts = raw.strip().split("\\*", 3);
            if (parts.length < 2) {
                continue;
            }
            String text = clean(parts.length > 2 ? parts[1] + " " + parts[2] : parts[1]);
            if ("FILE".equals(parts[0])) {
                fileFailed = text;
            } else {
                errors.merge(parts[0], text, (a, b) -> a + "; " + b);
            }
        }
        List<UUID> failed = new ArrayList<>();
        if (fileFailed != null) {
            for (PdmpRecord r : carried) {
                records.failed(r.id(), "file failed: " + fileFailed, now);
                failed.add(r.id());
            }
            records.answered(submission.id(), "FAILED", "FILE_FAILED " + fileFailed, now);
            return new Answer("FAILED", failed);
        }
        List<UUID> reported = new ArrayList<>();
        for (PdmpRecord r : carried) {
            String error = errors.get(r.rxNumber());
            if (error != null) {
                records.failed(r.id(), error, now);
                failed.add(r.id());
            } else {
                records.moveTo(r.id(), Status.ACCEPTED, now);
                if (r.kind() != Kind.VOID) {
                    reported.add(r.dispenseId());
                }
            }
        }
        dispenses.markReportedToPdmp(reported, now);
        String status = failed.isEmpty() ? "ACCEPTED" : "ERRORS";
        records.answered(submission.id(), status, failed.isEmpty() ? null : failed.size() + " record errors", now);
        return new Answer(status, failed);
    }

    /** Error texts are the state's codes and element ids; cut and without line breaks. */
    private static String clean(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
