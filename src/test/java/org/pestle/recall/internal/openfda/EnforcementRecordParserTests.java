package org.pestle.recall.internal.openfda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pestle.recall.internal.openfda.EnforcementRecordParser.UnreadableRecord;
import org.pestle.recall.internal.openfda.ParsedRecall.FoundLot;
import org.pestle.recall.internal.openfda.ParsedRecall.Skipped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parser against every record of the shared openFDA samples (real records, copied verbatim), with the lots,
 * expiries and NDCs each holds written down here, and against the code_info variants of the field guide.
 */
class EnforcementRecordParserTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> SAMPLES = new HashMap<>();
    private final EnforcementRecordParser parser = new EnforcementRecordParser();

    @BeforeAll
    static void readTheSamples() throws Exception {
        try (InputStream in = EnforcementRecordParserTests.class.getResourceAsStream("/recall/openfda-drug-enforcement-samples.json")) {
            for (JsonNode record : JSON.readTree(in).get("results")) {
                SAMPLES.put(record.get("recall_number").asText(), record);
            }
        }
    }

    @Test
    void theSharedFileHoldsTheTwelveRecordsTestedHere() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder("D-0289-2026", "D-0865-2016", "D-1137-2016",
                "D-0115-2026", "D-0397-2015", "D-0487-2026", "D-1515-2014", "D-609-2013", "D-0006-2018", "D-0413-2018",
                "D-0473-2018", "D-0488-2026");
    }

    @Test
    void allLotsWithinExpiryIsEveryLotOfTheNdcAndNoLotNumber() {
        ParsedRecall recall = sample("D-0289-2026");
        assertThat(recall.lots()).isEmpty();
        assertThat(recall.allLots()).isTrue();
        assertThat(recall.needsPharmacist()).isNull();
        assertThat(recall.classification()).isEqualTo("I");
        assertThat(recall.ndcDigits()).containsExactly("62795400609");
        assertThat(skipped(recall, "UPC")).containsExactly("7876471018");
    }

    @Test
    void hyphenatedLotWithDayMonthYearExpiry() {
        ParsedRecall recall = sample("D-0865-2016");
        assertLots(recall, lot("56-148-EV", "2017-08-01"));
        assertThat(recall.ndcDigits()).containsExactly("00409662502");
    }

    @Test
    void starredLotIsMatchedByPrefixAndTheNoteIsNoLot() {
        ParsedRecall recall = sample("D-1137-2016");
        assertLots(recall, prefixLot("50-343-DK", "2017-02-01"));
        assertThat(recall.lots().get(0).matches("50-343-DK-07")).isTrue();
        assertThat(recall.lots().get(0).matches("50-344-DK")).isFalse();
        assertThat(recall.ndcDigits()).containsExactly("00409216802");
        assertThat(skipped(recall, "OTHER")).isEmpty();
    }

    @Test
    void compoundedProductWithSpelledOutBeyondUseDates() {
        ParsedRecall recall = sample("D-0115-2026");
        assertLots(recall, lot("PRORX050925-1", "2025-11-04"), lot("ProRx051425-5", "2025-11-10"),
                lot("ProRx051425-6", "2025-11-10"));
        assertThat(recall.ndcDigits()).containsExactly("84139022504");
        assertThat(recall.classification()).isEqualTo("II");
    }

    @Test
    void lotWithoutHashAndTwoDigitYearExpiry() {
        ParsedRecall recall = sample("D-0397-2015");
        assertLots(recall, lot("T018H14A", "2016-08-31"));
        assertThat(recall.ndcDigits()).containsExactly("00603211032");
    }

    @Test
    void repeatedLotKeywordsSeparatedOnlyBySpaces() {
        ParsedRecall recall = sample("D-0487-2026");
        assertLots(recall, lot("4228D2", "2026-07-31"), lot("4229D1", "2026-07-31"), lot("5147D2", "2027-04-30"));
        assertThat(recall.ndcDigits()).as("only a UPC in the text, no openfda block").isEmpty();
    }

    @Test
    void lowerCaseExpWithMonthAndFullYear() {
        ParsedRecall recall = sample("D-1515-2014");
        assertLots(recall, lot("102492", "2016-01-31"));
        assertThat(recall.ndcDigits()).containsExactly("63739064410");
    }

    @Test
    void letteredSubLotsFollowTheirProducts() {
        ParsedRecall recall = sample("D-609-2013");
        assertLots(recall, lot("G34908", "2014-06-30", "a"), lot("G53479", "2014-09-30", "a"),
                lot("G63442", "2014-10-31", "a"), lot("G58347", "2014-10-31", "a"), lot("G80133", "2014-12-31", "a"),
                lot("G34910", "2014-06-30", "b"), lot("G36879", "2014-07-31", "b"), lot("G41005", "2014-07-31", "b"),
                lot("G53478", "2014-09-30", "b"), lot("G63444", "2014-10-31", "b"), lot("G76317", "2014-11-30", "b"));
        assertThat(recall.ndcs().subList(0, 2)).extracting(n -> n.digits() + " " + n.label())
                .containsExactly("00009312403 a", "00009344703 b");
        assertThat(recall.ndcDigits()).hasSize(20).contains("00009337502");
        assertThat(recall.recallKey()).isEqualTo("D-0609-2013");
    }

    @Test
    void undashedTenDigitNdcIsNotGuessedAndTheLotStillRead() {
        ParsedRecall recall = sample("D-0006-2018");
        assertLots(recall, lot("0323439", "2018-07-31"));
        assertThat(recall.ndcDigits()).isEmpty();
        assertThat(skipped(recall, "NDC")).containsExactly("6984238038", "4125038038");
        assertThat(recall.classification()).isEqualTo("III");
    }

    @Test
    void singleLotWithHash() {
        ParsedRecall recall = sample("D-0413-2018");
        assertLots(recall, lot("544821A", "2019-07-31"));
        assertThat(recall.ndcDigits()).containsExactly("00023602201");
    }

    @Test
    void lotColonAndSemicolonBeforeTheExpiry() {
        ParsedRecall recall = sample("D-0473-2018");
        assertLots(recall, lot("CAL173502", "2019-09-30"));
        assertThat(recall.ndcDigits()).containsExactly("29033002602");
    }

    @Test
    void tenDigitLotIsALotAfterTheKeywordAndTheFiveFourOneNdcIsPadded() {
        ParsedRecall recall = sample("D-0488-2026");
        assertLots(recall, lot("23G3161005", "2027-09-21"));
        assertThat(recall.ndcDigits()).containsExactly("10106244801");
        assertThat(recall.recallingFirm()).isEqualTo("Avantor Performance Materials LLC");
        assertThat(recall.status()).isEqualTo("Ongoing");
    }

    @Test
    void anApiAnswerWithResultsIsReadLikeItsRecord() {
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("results").add(SAMPLES.get("D-0413-2018"));
        assertThat(parser.parse(answer).lotNumbers()).containsExactly("544821A");
    }

    @Test
    void onlyAUpcIsNoLotFoundNeedsAPharmacist() {
        ParsedRecall recall = codeInfo("UPC 859613274229");
        assertThat(recall.lots()).isEmpty();
        assertThat(recall.needsPharmacist()).isEqualTo("no lot found, needs a pharmacist");
        assertThat(skipped(recall, "UPC")).containsExactly("859613274229");
    }

    @Test
    void freeTextWithoutLotKeywordIsNeverGuessed() {
        ParsedRecall recall = codeInfo("Product codes 4471-22 and 88-0912, distributed 2024");
        assertThat(recall.lots()).isEmpty();
        assertThat(recall.needsPharmacist()).isEqualTo(ParsedRecall.NO_LOT_FOUND);
    }

    @Test
    void upcInTheSameFieldIsSkipped() {
        ParsedRecall recall = codeInfo("Lot # 956000M, Exp. Aug 2016; UPC 3-6203760090-6");
        assertLots(recall, lot("956000M", "2016-08-31"));
        assertThat(skipped(recall, "UPC")).containsExactly("3-6203760090-6");
    }

    @Test
    void expDateKeyword() {
        assertLots(codeInfo("Lot # EA00237A, Exp Date: 04/30/2027"), lot("EA00237A", "2027-04-30"));
    }

    @Test
    void severalLotsShareOneExpiry() {
        assertLots(codeInfo("Lot #: 6323Q11, 6328Q11, Exp 06/19; 6355Q11, Exp 07/19"), lot("6323Q11", "2019-06-30"),
                lot("6328Q11", "2019-06-30"), lot("6355Q11", "2019-07-31"));
    }

    @Test
    void missingSpaceAfterAComma() {
        assertLots(codeInfo("Lots: PA17-412, PA17-077, PA17-196,PA17-127, PA17-150, Exp 11/18"),
                lot("PA17-412", "2018-11-30"), lot("PA17-077", "2018-11-30"), lot("PA17-196", "2018-11-30"),
                lot("PA17-127", "2018-11-30"), lot("PA17-150", "2018-11-30"));
    }

    @Test
    void dayMonthYearExpiriesAndTheSuffixNoteMakesEveryLotAPrefix() {
        ParsedRecall recall = codeInfo("Lot #: 42-335-DK, Exp 1JUN2016; 48-128-DK, 48-129-DK, 48-261-DK, 48-262-DK, "
                + "48-351-DK, Exp 1DEC2016; 52-361-DK, Exp 1APR2017; note that the lot number may be followed by "
                + "numbers from 01 to 99.");
        assertLots(recall, prefixLot("42-335-DK", "2016-06-01"), prefixLot("48-128-DK", "2016-12-01"),
                prefixLot("48-129-DK", "2016-12-01"), prefixLot("48-261-DK", "2016-12-01"),
                prefixLot("48-262-DK", "2016-12-01"), prefixLot("48-351-DK", "2016-12-01"),
                prefixLot("52-361-DK", "2017-04-01"));
        assertThat(recall.lots().get(1).matches("48-128-DK-01")).isTrue();
    }

    @Test
    void lotExpiryAndNdcsInOneString() {
        ParsedRecall recall = codeInfo("The following product was affected:   AHP Lot #: 130007  Expiration Date: "
                + "01/31/2014  Carton NDC #: 68084-633-01  Single Dose NDC #: 68084-633-11");
        assertLots(recall, lot("130007", "2014-01-31"));
        assertThat(skipped(recall, "NDC")).containsExactly("68084-633-01", "68084-633-11");
        assertThat(recall.ndcDigits()).containsExactly("68084063301", "68084063311");
    }

    @Test
    void lotNumbersWithBareDatesAndANewline() {
        ParsedRecall recall = codeInfo("Lot numbers and exp dates:  10108716  31-Mar-2013, \n10111510  30-Apr-2013, "
                + "10113801  31-May-2013, 10113839  30-Apr-2013, 10115616  31-Aug-2013");
        assertLots(recall, lot("10108716", "2013-03-31"), lot("10111510", "2013-04-30"), lot("10113801", "2013-05-31"),
                lot("10113839", "2013-04-30"), lot("10115616", "2013-08-31"));
    }

    @Test
    void trailingSpaceLotWithoutExpiry() {
        assertLots(codeInfo("Lot 108094A "), new FoundLot("108094A", null, false, null));
    }

    @Test
    void datesAndUpcsAreNeverLots() {
        ParsedRecall recall = codeInfo("Lots: 20250131, 036000291452, 2025-01-31, 07/2026, A1234");
        assertThat(recall.lotNumbers()).containsExactly("A1234");
        assertThat(skipped(recall, "DATE")).containsExactly("20250131", "2025-01-31", "07/2026");
        assertThat(skipped(recall, "UPC")).containsExactly("036000291452");
    }

    @Test
    void ndcsInEveryConfigurationAreNormalizedToElevenDigits() {
        ObjectNode record = JSON.createObjectNode().put("recall_number", "D-0002-2020").put("product_description",
                "a) NDC 0409-6625-02 b) NDC 84139-225-04 c) NDC 10106-2448-1 d) NDC 62037-0600-90 e) NDC 62037060091")
                .put("code_info", "Lot A1");
        assertThat(parser.parse(record).ndcDigits()).containsExactly("00409662502", "84139022504", "10106244801",
                "62037060090", "62037060091");
    }

    @Test
    void recallNumbersAreComparedZeroPadded() {
        assertThat(EnforcementRecordParser.recallKey("D-323-2014")).isEqualTo("D-0323-2014");
        assertThat(EnforcementRecordParser.recallKey("d-0006-2018")).isEqualTo("D-0006-2018");
    }

    @Test
    void anErrorAnswerOrSeveralRecordsIsRefusedByField() {
        assertThatThrownBy(() -> parser.parse(JSON.createObjectNode().set("error", JSON.createObjectNode())))
                .isInstanceOf(UnreadableRecord.class).extracting(e -> ((UnreadableRecord) e).field()).isEqualTo("results");
        ObjectNode two = JSON.createObjectNode();
        two.putArray("results").add(SAMPLES.get("D-0413-2018")).add(SAMPLES.get("D-0473-2018"));
        assertThatThrownBy(() -> parser.parse(two)).isInstanceOf(UnreadableRecord.class);
        assertThatThrownBy(() -> parser.parse(JSON.createObjectNode().put("code_info", "Lot 1")))
                .isInstanceOf(UnreadableRecord.class).extracting(e -> ((UnreadableRecord) e).field())
                .isEqualTo("recall_number");
    }

    private ParsedRecall sample(String recallNumber) {
        return parser.parse(SAMPLES.get(recallNumber));
    }

    private ParsedRecall codeInfo(String codeInfo) {
        ObjectNode record = JSON.createObjectNode().put("recall_number", "D-0001-2020").put("classification", "Class II")
                .put("product_description", "Test product").put("code_info", codeInfo);
        record.putObject("openfda");
        return parser.parse(record);
    }

    private static void assertLots(ParsedRecall recall, FoundLot... expected) {
        assertThat(recall.lots()).containsExactly(expected);
        assertThat(recall.needsPharmacist()).isNull();
    }

    private static FoundLot lot(String number, String expiry) {
        return new FoundLot(number, LocalDate.parse(expiry), false, null);
    }

    private static FoundLot lot(String number, String expiry, String label) {
        return new FoundLot(number, LocalDate.parse(expiry), false, label);
    }

    private static FoundLot prefixLot(String number, String expiry) {
        return new FoundLot(number, LocalDate.parse(expiry), true, null);
    }

    private static List<String> skipped(ParsedRecall recall, String kind) {
        return recall.skipped().stream().filter(s -> s.kind().equals(kind)).map(Skipped::text).collect(Collectors.toList());
    }
}
