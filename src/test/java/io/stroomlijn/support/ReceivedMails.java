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

  /** Whether the mail went to this address (To, Cc or Bcc). */
  public static boolean sentTo(MimeMessage mail, String address) {
    try {
      return mail.getAllRecipients() != null
          && Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mail's text as the reader sees it (transfer encoding undone; first part of several). */
  public static String text(MimeMessage mail) {
    try {
      Object content = mail.getContent();
      if (content instanceof jakarta.mail.Multipart parts) {
        content = parts.getBodyPart(0).getContent();
      }
      return String.valueOf(content);
    } catch (MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
