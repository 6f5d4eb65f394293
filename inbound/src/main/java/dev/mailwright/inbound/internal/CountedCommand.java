package dev.mailwright.inbound.internal;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/** A command counted for the session's disconnect line ({@code ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5}), then run. */
public final class CountedCommand implements Command {
    private final Command command;
    private final ListenerSessions sessions;

    /**
     * @param command the command
     * @param sessions the listener's sessions
     */
    public CountedCommand(Command command, ListenerSessions sessions) {
        this.command = command;
        this.sessions = sessions;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        sessions.guard(session).counted(command.getName());
        command.execute(commandString, session);
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return command.getHelp();
    }

    @Override
    public String getName() {
        return command.getName();
    }
}
