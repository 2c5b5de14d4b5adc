package org.pestle.identity.internal.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.apache.commons.codec.binary.Base32;
import org.pestle.identity.MfaEnrolled;
import org.pestle.identity.MfaFailed;
import org.pestle.identity.MfaVerified;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.identity.internal.signin.MfaPendingAuthentication;
import org.pestle.identity.internal.signin.PestleUserDetails;
import org.pestle.identity.internal.signin.SignInFlow;
import org.pestle.platform.Digests;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second factor: enrollment with a QR code and recovery codes, then a code at every sign-in. */
@Controller
class MfaController {

    private static final String PENDING_SECRET = "pestle.mfa.pendingSecret";
    private static final String NEW_RECOVERY_CODES = "pestle.mfa.newRecoveryCodes";

    private final Totp totp;
    private final UserAccounts accounts;
    private final SignInFlow signIn;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    MfaController(Totp totp, UserAccounts accounts, SignInFlow signIn, ApplicationEventPublisher events) {
        this.totp = totp;
        this.accounts = accounts;
        this.signIn = signIn;
        this.events = events;
    }

    @GetMapping("/mfa")
    String verifyPage(Model model) {
        model.addAttribute("username", pending().getUsername());
        return "mfa-verify";
    }

    @PostMapping("/mfa")
    String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PestleUserDetails user = pending();
        String entered = code.strip().replace(" ", "");
        boolean valid;
        if (entered.matches("\\d{6}")) {
            valid = accounts.totp(user.actor().userId())
                    .map(state -> totp.verify(state.secret(), entered, state.lastStep()))
                    .filter(OptionalLong::isPresent)
                    .map(step -> accounts.acceptStep(user.actor().userId(), step.getAsLong()))
                    .orElse(false);
        } else {
            valid = !entered.isEmpty() && accounts.useRecoveryCode(user.actor().userId(), hash(normalize(entered)));
        }
        if (!valid) {
            events.publishEvent(new MfaFailed(user.getUsername(), user.actor().roles(), "VERIFY"));
            signIn.failed(user.getUsername(), "MFA_CODE", request.getRemoteAddr());
            if (accounts.findById(user.actor().userId()).map(a -> a.lockedUntil() != null).orElse(false)) {
                SecurityContextHolder.clearContext();
                request.getSession().invalidate();
                return "redirect:/login?locked";
            }
            model.addAttribute("username", user.getUsername());
            model.addAttribute("error", "That code is not valid. Enter the current code from your authenticator app, "
                    + "or one of your recovery codes.");
            return "mfa-verify";
        }
        signIn.complete(request, response, user);
        events.publishEvent(new MfaVerified(user.getUsername(), user.actor().roles(),
                entered.matches("\\d{6}") ? "TOTP" : "RECOVERY_CODE"));
        return "redirect:/";
    }

    @GetMapping("/mfa/enroll")
    String enrollPage(HttpSession session, Model model) {
        PestleUserDetails user = pending();
        if (user.mfaEnrolled()) {
            return "redirect:/mfa";
        }
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null) {
            secret = totp.newSecret();
            session.setAttribute(PENDING_SECRET, secret);
        }
        String uri = totp.otpauthUri(user.getUsername(), secret);
        model.addAttribute("username", user.getUsername());
        model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").strip());
        model.addAttribute("qrCode", totp.qrCodeDataUri(uri));
        return "mfa-enroll";
    }

    @PostMapping("/mfa/enroll")
    String enroll(@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PestleUserDetails user = pending();
        String secret = (String) session.getAttribute(PENDING_SECRET);
        OptionalLong step = secret == null ? OptionalLong.empty() : totp.verify(secret, code, null);
        if (step.isEmpty()) {
            events.publishEvent(new MfaFailed(user.getUsername(), user.actor().roles(), "ENROLL"));
            model.addAttribute("error", "That code does not match. Scan the QR code again and enter the current code.");
            return enrollPage(session, model);
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            hashes.add(hash(normalize(recovery)));
        }
        accounts.enroll(user.actor().userId(), secret, step.getAsLong(), hashes);
        session.removeAttribute(PENDING_SECRET);
        signIn.complete(request, response, user);
        events.publishEvent(new MfaEnrolled(user.getUsername(), user.actor().roles()));
        request.getSession().setAttribute(NEW_RECOVERY_CODES, codes);
        return "redirect:/mfa/recovery-codes";
    }

    /** Shown once, right after enrollment. */
    @GetMapping("/mfa/recovery-codes")
    String recoveryCodes(HttpSession session, Model model) {
        Object codes = session.getAttribute(NEW_RECOVERY_CODES);
        if (codes == null) {
            return "redirect:/";
        }
        session.removeAttribute(NEW_RECOVERY_CODES);
        model.addAttribute("codes", codes);
        return "mfa-recovery-codes";
    }

    private static PestleUserDetails pending() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof MfaPendingAuthentication pending) {
            return pending.user();
        }
        throw new org.springframework.security.access.AccessDeniedException("No sign-in in progress");
    }

    private String newRecoveryCode() {
        byte[] bytes = new byte[7];
        random.nextBytes(bytes);
        String code = new Base32().encodeToString(bytes).substring(0, 10);
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    private static String normalize(String recoveryCode) {
        return recoveryCode.strip().replace("-", "").toUpperCase();
    }

    static String hash(String value) {
        return Digests.sha256Hex(value);
    }
}
