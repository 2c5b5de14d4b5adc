package org.pestle.recall.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.pestle.recall.internal.RecallConfirmation.Confirmed;
import org.pestle.recall.internal.RecallConfirmation.HandLot;
import org.pestle.recall.internal.RecallConfirmation.Preview;
import org.pestle.recall.internal.RecallMatching.MatchedLot;
import org.pestle.recall.internal.RecallViews.RecallView;
import org.pestle.recall.internal.openfda.ParsedRecall;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The recall API. {@code POST /api/recalls/preview} reads an openFDA enforcement record (one record, or an answer
 * with {@code results}) and answers what it says and what of Pestle's stock and dispenses it matches, changing
 * nothing. {@code POST /api/recalls} confirms it (with lots removed or added by hand, each with a reason) and starts
 * the recall process; the same recall number again answers the recall there is ({@code Idempotent-Replayed}).
 * {@code POST /api/recalls/fetch} reads a record from openFDA by recall number when {@code pestle.recall.openfda-url}
 * is set (off by default). {@code GET /api/recalls}, {@code /api/recalls/{id}} and {@code /api/recalls/{id}/report.csv}
 * show recalls and their effectiveness report (a clinic user: only recalls touching their clinics' patients).
 */
@RestController
class RecallController {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final RecallConfirmation confirmation;
    private final RecallViews views;
    private final Permissions permissions;
    private final RecallSettings settings;

    RecallController(RecallConfirmation confirmation, RecallViews views, Permissions permissions,
            RecallSettings settings) {
        this.confirmation = confirmation;
        this.views = views;
        this.permissions = permissions;
        this.settings = settings;
    }

    /** The preview: the parsed record, its matches on hand and dispensed, and the recall if it was confirmed before. */
    record PreviewView(String recallNumber, String recallKey, String classification, String status,
            String recallingFirm, String eventId, LocalDate reportDate, String productDescription, String codeInfo,
            List<NdcView> ndcs, List<ParsedRecall.FoundLot> lots, boolean allLots, List<ParsedRecall.Skipped> skipped,
            String needsPharmacist, List<MatchedLot> matches, int dispensesMatched, int patientsMatched,
            UUID confirmedRecallId) {

        static PreviewView of(Preview preview) {
            ParsedRecall p = preview.parsed();
            return new PreviewView(p.recallNumber(), p.recallKey(), p.classification(), p.status(), p.recallingFirm(),
                    p.eventId(), p.reportDate(), p.productDescription(), p.codeInfo(),
                    p.ndcs().stream().map(n -> new NdcView(n.digits(), new org.pestle.inventory.Ndc(n.digits()).formatted(),
                            n.printed(), n.source(), n.label())).toList(),
                    p.lots(), p.allLots(), p.skipped(), p.needsPharmacist(), preview.matches(),
                    preview.matches().stream().mapToInt(MatchedLot::dispenses).sum(),
                    preview.matches().stream().mapToInt(MatchedLot::patients).sum(), preview.confirmedRecallId());
        }
    }

    record NdcView(String ndc, String formatted, String printed, String source, String label) {
    }

    record LotByHand(@NotNull UUID lotId, @NotBlank @Size(max = 500) String reason) {
    }

    record ConfirmRequest(@NotNull JsonNode record, @Valid List<LotByHand> removeLots, @Valid List<LotByHand> addLots) {
    }

    record FetchRequest(@NotBlank @Pattern(regexp = "[A-Za-z]-\\d{1,6}-\\d{4}") String recallNumber) {
    }

    @PostMapping("/api/recalls/preview")
    PreviewView preview(@RequestBody JsonNode record) {
        return PreviewView.of(confirmation.preview(CurrentActor.require(), record));
    }

    @PostMapping("/api/recalls/fetch")
    PreviewView fetch(@Valid @RequestBody FetchRequest request) {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.MANAGE_RECALLS);
        if (settings.openfdaUrl().isBlank()) {
            throw ApiProblem.conflict("openfda-off", "Fetching from openFDA is off (pestle.recall.openfda-url is not set): "
                    + "upload the record instead");
        }
        JsonNode answer;
        try {
            answer = RestClient.create().get().uri(settings.openfdaUrl() + "?search=recall_number:\"{n}\"&limit=1",
                    request.recallNumber()).retrieve().body(JsonNode.class);
        } catch (RestClientException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "openfda-unavailable", "Bad Gateway",
                    "openFDA did not answer with a record for this recall number", List.of());
        }
        return PreviewView.of(confirmation.preview(actor, answer));
    }

    @PostMapping("/api/recalls")
    ResponseEntity<RecallView> confirm(@Valid @RequestBody ConfirmRequest request) {
        Actor actor = CurrentActor.require();
        Confirmed confirmed = confirmation.confirm(actor, request.record(), hand(request.removeLots()),
                hand(request.addLots()));
        RecallView view = views.view(confirmed.recallId()).orElseThrow();
        if (!confirmed.created()) {
            return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
        }
        return ResponseEntity.created(URI.create("/api/recalls/" + view.id())).body(view);
    }

    @GetMapping("/api/recalls")
    List<RecallView> recalls() {
        permissions.require(CurrentActor.require(), Action.VIEW_RECALLS);
        return views.all();
    }

    @GetMapping("/api/recalls/{id}")
    RecallView recall(@PathVariable UUID id) {
        permissions.require(CurrentActor.require(), Action.VIEW_RECALLS);
        return views.view(id).orElseThrow(() -> ApiProblem.notFound("Recall " + id));
    }

    @GetMapping("/api/recalls/{id}/report.csv")
    @Transactional(readOnly = true)
    ResponseEntity<String> report(@PathVariable UUID id) throws IOException {
        permissions.require(CurrentActor.require(), Action.VIEW_RECALLS);
        RecallView view = views.view(id).orElseThrow(() -> ApiProblem.notFound("Recall " + id));
        StringWriter out = new StringWriter();
        try (SequenceWriter rows = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(out)) {
            for (List<String> row : RecallViews.csvRows(view)) {
                rows.write(row.toArray(new String[0]));
            }
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"recall-" + view.recallNumber()
                        + "-report.csv\"")
                .body(out.toString());
    }

    private static List<HandLot> hand(List<LotByHand> lots) {
        return lots == null ? List.of() : lots.stream().map(l -> new HandLot(l.lotId(), l.reason())).toList();
    }
}
