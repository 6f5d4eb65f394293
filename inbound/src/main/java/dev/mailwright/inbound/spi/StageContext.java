package dev.mailwright.inbound.spi;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.Envelope;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;

/**
 * What an {@link InboundStage} sees of one message: the raw and parsed message, its envelope, and
 * what the earlier stages found (the decoded recipient address), with the two ways out.
 * One context per message; not shared between threads.
 */
public interface StageContext {

    /** @return the message as claimed from its source (raw bytes, id, attempt) */
    SourceMessage source();

    /**
     * @return the envelope: the {@code MAIL FROM} sender, the {@code RCPT TO} recipients and the
     *     client's IP address, as far as the source knows them (the listener and
     *     {@code InboundPipeline.accept} know all three; a maildir delivered by Postfix knows the
     *     sender and the recipients from {@code Return-Path} and {@code Delivered-To})
     */
    Envelope envelope();

    /**
     * @return the parsed message; must not be modified
     * @throws IllegalStateException in a stage placed before {@link InboundStage#PARSE}
     */
    MimeMessage message();

    /** @return the {@code From} address, lower case, or empty when absent or unreadable (after parse) */
    String from();

    /** @return the Message-ID with angle brackets, or empty (after parse) */
    String messageId();

    /**
     * @return the verified recipient address, after {@link InboundStage#RECIPIENT}: a
     *     {@link DecodeResult.Valid} reply address or a {@link DecodeResult.ValidNewThread}
     *     new-thread address; empty before it
     */
    Optional<DecodeResult> address();

    /** @return the result that sends the message on to the next stage */
    StageResult pass();

    /**
     * @param disposition what becomes of the message; its reason is filed with the stage's name
     * @return the result that stops the message here, without a notice to the sender
     */
    StageResult stop(Disposition disposition);
}
