package org.petitionbridge.issuer;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page of the demo people, in Chinese, with the demo accounts listed (their passwords are DEMO values).
 * Hand-written HTML rather than a template engine: it is one form, and the issuer shares the local stack's JVM with
 * the services, which need no template engine of their own.
 */
@Controller
class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        StringBuilder people = new StringBuilder();
        for (DemoPeople.Person p : DemoPeople.all()) {
            people.append("<tr><td><code>").append(HtmlUtils.htmlEscape(p.username())).append("</code></td><td>")
                    .append(HtmlUtils.htmlEscape(p.name())).append("</td><td>").append(HtmlUtils.htmlEscape(p.post()))
                    .append("</td></tr>");
        }
        String message = request.getParameter("error") != null ? "<p class=\"error\" role=\"alert\">用户名或密码不正确。</p>"
                : request.getParameter("logout") != null ? "<p class=\"info\">已退出登录。</p>" : "";
        return """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>登录 · 县信访信息共享平台</title>
                <style>
                body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;background:#f0f2f5;margin:0}
                main{max-width:520px;margin:60px auto;background:#fff;padding:28px 36px;border-radius:6px;box-shadow:0 1px 4px #0002}
                h1{font-size:20px;color:#b71c1c;margin-top:0} label{display:block;margin:12px 0 4px}
                input{width:100%%;padding:8px;box-sizing:border-box;font-size:15px}
                button{margin-top:18px;padding:9px 24px;background:#b71c1c;color:#fff;border:0;border-radius:4px;font-size:15px}
                .error{color:#b71c1c}.info{color:#2e7d32} table{font-size:13px;border-collapse:collapse;margin-top:22px;width:100%%}
                td{border-top:1px solid #eee;padding:4px} small{color:#666}
                </style></head>
                <body><main>
                <h1>县信访信息共享平台 · 登录</h1>
                %s
                <form method="post" action="login">
                <label for="username">用户名</label><input id="username" name="username" autocomplete="username" autofocus>
                <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password">
                <input type="hidden" name="%s" value="%s">
                <button type="submit">登录</button>
                </form>
                <table><caption><small>演示账号（DEMO：密码为“用户名-demo”，仅供开发与演示）</small></caption>%s</table>
                </main></body></html>
                """.formatted(message, csrf.getParameterName(), csrf.getToken(), people);
    }

    /** Where a person lands who signed in without coming from the console. */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signedIn() {
        return """
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>县信访信息共享平台</title></head>
                <body><p>这是平台的登录服务。请从工作台（console）进入。</p></body></html>""";
    }
}
