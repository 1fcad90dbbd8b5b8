"""Odoo's external API over HTTP: XML-RPC at ``/xmlrpc/2/<service>`` (integer
fault codes) and the historical ``/xmlrpc/<service>`` (string fault codes),
JSON-RPC at ``/jsonrpc``; services ``common``, ``object`` and ``db``."""
from __future__ import annotations

from odoo.http import Controller, Response, dispatch_rpc, request, route
from odoo.httpd import xmlrpc


def _release_request_cursor():
    # the services open their own transactions: the request's is not needed
    # (with own_transaction=True the runtime does not even open one)
    if request.env is not None and not request.env.cr.closed:
        request.env.cr.close()


def _xml_response(body):
    return Response(response=body, mimetype='text/xml')


class RPC(Controller):
    """The RPC endpoints."""

    def _xmlrpc(self, service):
        _release_request_cursor()
        params, method = xmlrpc.loads(request.httprequest.get_data())
        result = dispatch_rpc(service, method, params)
        return xmlrpc.dumps_result(result)

    def _xmlrpc_answer(self, service, fault_of):
        try:
            body = self._xmlrpc(service)
        except Exception as exc:
            # faults are regular XML-RPC answers (HTTP 200), logged by the application
            exc.error_response = _xml_response(xmlrpc.dumps_fault(fault_of(exc)))
            raise
        return _xml_response(body)

    @route("/xmlrpc/<service>", auth="none", methods=["POST"], csrf=False, save_session=False,
           own_transaction=True)
    def xmlrpc_1(self, service):
        """XML-RPC whose faults carry strings (kept for old clients)."""
        return self._xmlrpc_answer(service, xmlrpc.fault_with_string)

    @route("/xmlrpc/2/<service>", auth="none", methods=["POST"], csrf=False, save_session=False,
           own_transaction=True)
    def xmlrpc_2(self, service):
        """XML-RPC whose faults carry Odoo's integer codes (1 to 4)."""
        return self._xmlrpc_answer(service, xmlrpc.fault_with_code)

    @route('/jsonrpc', type='json', auth="none", save_session=False, own_transaction=True)
    def jsonrpc(self, service, method, args):
        """JSON-RPC: ``{"service": ..., "method": ..., "args": [...]}``."""
        _release_request_cursor()
        return dispatch_rpc(service, method, args)
