package io.stroomlijn.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** Reading what GreenMail received; flows of other tests may send mail meanwhile. */
public final class ReceivedMails {

  private ReceivedMails() {}

  /** The mails received with exactly this subject. */
  public static List<MimeMessage> withSubject(GreenMailExtension smtp, String subject) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(mail -> subject.equals(subject(mail)))
        .toList();
  }

  public static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
