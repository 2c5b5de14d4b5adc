package org.pestle.support;

import java.util.Map;
import java.util.UUID;

/** Identifiers of the demo data (db/demo/R__demo_data.sql) that tests use. */
public final class Demo {

    public static final String PASSWORD = "pestle-demo";

    public static final UUID NORTHSIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    public static final UUID LAKESIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c2");
    public static final UUID SUMMIT = UUID.fromString("00000000-0000-4000-8000-0000000000c3");

    /** Patients: Northside (two), Lakeside, Summit. */
    public static final UUID PATIENT_NORTHSIDE = UUID.fromString("00000000-0000-4000-8000-0000000000e1");
    public static final UUID PATIENT_NORTHSIDE_2 = UUID.fromString("00000000-0000-4000-8000-0000000000e2");
    public static final UUID PATIENT_LAKESIDE = UUID.fromString("00000000-0000-4000-8000-0000000000e3");
    public static final UUID PATIENT_SUMMIT = UUID.fromString("00000000-0000-4000-8000-0000000000e4");

    /** Compounds: approved at Northside (naltrexone, estradiol, testosterone C-III, oxycodone C-II). */
    public static final UUID TRETINOIN = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    public static final UUID ESTRADIOL = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
    public static final UUID NALTREXONE = UUID.fromString("00000000-0000-4000-8000-0000000000f3");
    public static final UUID TESTOSTERONE = UUID.fromString("00000000-0000-4000-8000-0000000000f4");
    public static final UUID MOUTHWASH = UUID.fromString("00000000-0000-4000-8000-0000000000f5");
    public static final UUID OXYCODONE = UUID.fromString("00000000-0000-4000-8000-0000000000f6");
    /** Made from the demo lot of a real recall record (D-0488-2026): db/demo/R__demo_recall.sql. */
    public static final UUID MAGNESIUM = UUID.fromString("00000000-0000-4000-8000-0000000000f7");

    /** dr.reyes: Northside, has a DEA number. dr.okafor: Lakeside, none. dr.hale: Summit (another organization). */
    public static final String REYES = "dr.reyes";
    public static final String OKAFOR = "dr.okafor";
    public static final String HALE = "dr.hale";
    public static final String PHARMACIST = "pharmacist";
    public static final String PHARMACIST_2 = "pharmacist2";
    public static final String TECHNICIAN = "technician";
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String CLINIC_ADMIN = "clinic.admin";
    public static final String PRIVACY = "privacy";

    /** TOTP secrets of the demo users (the README lists them). */
    public static final Map<String, String> TOTP_SECRETS = Map.ofEntries(
            Map.entry("privacy", "E7VIOXPDTMOJUYRNHKWDWSL4SPX3GE3C"),
            Map.entry("admin2", "5RTLXE5RQVSKLJDGKGPTZUQX2PQCWFGQ"),
            Map.entry("pharmacist", "BFPP4ZM3SP3POJA222KDCT2LQDK6XLRC"),
            Map.entry("pharmacist2", "EV7I5A7CFKMSLJNXEL72NIPTLYIBFHQB"),
            Map.entry("technician", "IF7N2EZ3WZNFDDIXKQZEVCQI4GK7DOK5"),
            Map.entry("admin", "U5Q75QVY24PA44ZUYYWY3EBPBHJEZUJG"),
            Map.entry("operator", "7IJHLZDAXYQ6SIBZKLTAVYCVLXYEM2VM"),
            Map.entry("dr.reyes", "FCRSSBGUXM7C37RA52ZHCRKGSL7OITEH"),
            Map.entry("dr.okafor", "6RFNCIW75LJBD3ZYQLXX62OCEHNTMJLK"),
            Map.entry("clinic.admin", "OIBHGWJCHBSAGQEXXQ5FAJEQGYTDVNVE"),
            Map.entry("dr.hale", "6W3FALXXTC3RNI36YOJIW2GTNKBIRWPC"));

    /** API tokens of the demo users (the README lists them). */
    public static final Map<String, String> API_TOKENS = Map.ofEntries(
            Map.entry("privacy", "pat_demo_privacy_bkASZ4Ne3UjqFvn5AOG63t2o"),
            Map.entry("admin2", "pat_demo_admin2_POUYWI8KfybyfQcEyH8YlSye"),
            Map.entry("pharmacist", "pat_demo_pharmacist_QcpCZuiRn9gONxYP5Oia25Lz"),
            Map.entry("pharmacist2", "pat_demo_pharmacist2_vUN33Lj3sxyNO0HKpV1igaxm"),
            Map.entry("technician", "pat_demo_technician_61ueAv6ZzEmYlgJBkGsjyySW"),
            Map.entry("admin", "pat_demo_admin_DroMOEP3Hv0yAEeajrdvj7OE"),
            Map.entry("operator", "pat_demo_operator_gB2x8ME8S6mVVfyy1wNcFmgY"),
            Map.entry("dr.reyes", "pat_demo_dr_reyes_vtRiyXh15eiOjKKZ7FyqQ9VO"),
            Map.entry("dr.okafor", "pat_demo_dr_okafor_vsC7reYUVOCkWgyXveDfz0A0"),
            Map.entry("clinic.admin", "pat_demo_clinic_admin_YaCtG1ZRuig4t2JIZmn6dWrQ"),
            Map.entry("dr.hale", "pat_demo_dr_hale_EeVfdhoCgxmUKZ14sYKVemi4"));

    private Demo() {
    }
}
